package dev.scaletest.cli.progress;

/**
 * Progress of a phase such as creating or deleting workspaces: {@code done} runs have finished
 * (passed or failed) out of {@code total}; {@code failed} of them failed.
 */
public record PhaseCounts(long total, long done, long failed) {

    public PhaseCounts {
        if (total < 0 || done < 0 || failed < 0 || failed > done) {
            throw new IllegalArgumentException("inconsistent phase counts: total=" + total + " done=" + done + " failed=" + failed);
        }
    }

    public long remaining() {
        return Math.max(0, total - done);
    }
}
