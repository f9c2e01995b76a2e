package dev.scaletest.harness;

/** A cleanup job that failed: which run, the error chain, and what the cleanup logged. */
public record CleanupFailure(String fullId, String error, String logs) {

    @Override
    public String toString() {
        return fullId + ": " + error;
    }
}
