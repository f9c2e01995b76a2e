package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorChainTest {

    @Test
    void joinsMessagesOuterToRoot() {
        Throwable error = new IllegalStateException("create workspace",
                new IOException("wait for build", new IOException("job failed")));
        assertEquals("create workspace: wait for build: job failed", ErrorChain.render(error));
    }

    @Test
    void dropsJavasCopiedCauseText() {
        Throwable wrapped = new ExecutionException(new IOException("connection refused"));
        assertEquals("connection refused", ErrorChain.render(wrapped));
        Throwable prefixed = new RuntimeException("dial: " + new IOException("refused"), new IOException("refused"));
        assertEquals("dial: refused", ErrorChain.render(prefixed));
    }

    @Test
    void doesNotRepeatAMessageAlreadyEndingInTheCause() {
        Throwable error = new RuntimeException("get user: not found", new IOException("not found"));
        assertEquals("get user: not found", ErrorChain.render(error));
    }

    @Test
    void rootWithoutMessageIsNamedByClass() {
        assertEquals("wrap: NullPointerException", ErrorChain.render(new RuntimeException("wrap", new NullPointerException())));
    }

    @Test
    void interruptionsBecomeTheHarnessReason() {
        Throwable error = new IOException("wait for agents", new InterruptedException());
        assertEquals("wait for agents: context deadline exceeded", ErrorChain.render(error, "context deadline exceeded"));
        assertEquals("wait for agents: InterruptedException", ErrorChain.render(error));
        // A socket read timeout is the runner's own deadline, not the harness interrupting it.
        assertEquals("read: Read timed out", ErrorChain.render(
                new IOException("read", new SocketTimeoutException("Read timed out")), "context canceled"));
    }
}
