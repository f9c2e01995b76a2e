package dev.scaletest.cli.progress;

/** {@code --progress none} and {@code --quiet}. */
public final class SilentView implements ProgressView {

    @Override
    public void phase(PhaseStatus status) {}

    @Override
    public void traffic(TrafficStatus status) {}
}
