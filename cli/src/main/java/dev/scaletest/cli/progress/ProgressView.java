package dev.scaletest.cli.progress;

/** Shows progress somewhere (stderr as lines, JSON, a bar); called from the progress thread only. */
public interface ProgressView {

    void phase(PhaseStatus status);

    void traffic(TrafficStatus status);

    /** Releases what the view holds (bars); called once, last. */
    default void close() {}
}
