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

    /** The harness's live counts of a phase: finished runs are done, whether they passed or not. */
    public static PhaseCounts of(dev.scaletest.harness.PhaseProgress progress) {
        return new PhaseCounts(progress.total(), progress.finished(), progress.failed());
    }

    public long remaining() {
        return Math.max(0, total - done);
    }
}
