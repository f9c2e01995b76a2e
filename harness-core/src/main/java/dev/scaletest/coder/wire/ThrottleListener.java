package dev.scaletest.coder.wire;

import java.time.Duration;

/**
 * Hears how coderd slows a client down, so reports can say how long runs waited on its rate
 * limiter and how often a failed call was sent again. {@code route} is the call's route, the
 * OpenAPI method and path, e.g. {@code POST /users/login}. Called on the calling thread.
 */
public interface ThrottleListener {
    /** Ignores everything. */
    ThrottleListener NONE = new ThrottleListener() {
        @Override
        public void throttled(String route) {}

        @Override
        public void waited(String route, Duration pause) {}
    };

    /** coderd answered one call on {@code route} with 429 (whether or not the client then waits). */
    void throttled(String route);

    /** The client paused {@code pause} on {@code route} because of a 429 before sending the call again. */
    void waited(String route, Duration pause);

    /** A call on {@code route} failed (a 5xx or no answer) and is sent again, as the retry policy allows. */
    default void retried(String route) {}

    /**
     * A creating call on {@code route} lost its answer (a 5xx or none), and the resource it creates
     * was found by name: the call is not sent again.
     */
    default void foundExisting(String route) {}
}
