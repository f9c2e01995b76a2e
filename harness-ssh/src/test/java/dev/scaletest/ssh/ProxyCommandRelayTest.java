package dev.scaletest.ssh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProxyCommandRelayTest {
    /** More commands than the JDK adds carriers for virtual threads blocked in I/O (256). */
    private static final int COMMANDS = 300;

    @Test
    @Timeout(60)
    void commandsBlockedOnTheirPipesLeaveVirtualThreadsRunning() throws Exception {
        List<ProxyCommandRelay> relays = new ArrayList<>();
        try {
            for (int i = 0; i < COMMANDS; i++) {
                // Silent until killed: the relay's read of its stderr blocks for the whole test.
                relays.add(ProxyCommandRelay.start("exec sleep 60"));
            }
            CountDownLatch ran = new CountDownLatch(100);
            for (int i = 0; i < 100; i++) {
                Thread.ofVirtual().start(ran::countDown);
            }
            assertTrue(ran.await(10, TimeUnit.SECONDS),
                    "virtual threads still run beside " + COMMANDS + " proxy commands; " + ran.getCount() + " did not");
        } finally {
            relays.forEach(ProxyCommandRelay::close);
        }
    }
}
