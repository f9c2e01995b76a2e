package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The nightly's measurement of {@code coder ssh --stdio}, checked here on processes whose cost is known. */
class ProxyProcessCostTest {

    @Test
    void busyAndIdleProcessesAreMeasuredPerProcessSecond() throws Exception {
        String marker = "proxy-cost-" + UUID.randomUUID();
        List<Process> started = new ArrayList<>();
        try (ProxyProcessCost idle = ProxyProcessCost.watch(marker + "-idle");
                ProxyProcessCost busy = ProxyProcessCost.watch(marker + "-busy")) {
            for (String kind : List.of("idle", "idle", "busy")) {
                String loop = kind.equals("busy") ? "while :; do :; done" : "sleep 30";
                started.add(new ProcessBuilder("sh", "-c", loop, marker + "-" + kind).start());
            }
            Thread.sleep(4_000);
            ProxyProcessCost.Cost idleCost = idle.cost();
            ProxyProcessCost.Cost busyCost = busy.cost();
            assertEquals(2, idleCost.processes(), idleCost.toString());
            assertEquals(1, busyCost.processes(), busyCost.toString());
            assertTrue(idleCost.cpuMicrosPerStreamSecond() < 50_000, "a sleeping shell costs next to nothing: " + idleCost);
            // A shell spinning on one of the two cores: most of a core, whatever else runs.
            assertTrue(busyCost.cpuMicrosPerStreamSecond() > 300_000, busyCost.toString());
            assertTrue(busyCost.rssMibEach() > 0, busyCost.toString());
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }
}
