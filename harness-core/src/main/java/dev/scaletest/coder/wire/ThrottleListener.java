package dev.scaletest.coder.wire;

import java.time.Duration;

/**
 * Hears how coderd's rate limiter slows a client down, so reports can say how long runs waited on
 * it. {@code route} is the call's route, the OpenAPI method and path, e.g.
 * {@code POST /users/login}. Called on the calling thread.
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
}
