package dev.scaletest.harness;

/**
 * Where a running phase stands, for a live progress line: runs registered, begun, finished, and
 * how many of the finished ones failed so far. Runs the phase never starts are not counted here.
 */
public record PhaseProgress(int total, int started, int finished, int failed) {

    public int running() {
        return started - finished;
    }
}
