package dev.scaletest.cli.progress;

import java.io.PrintStream;

/** One line per update, for logs and pipes. */
public final class PlainView implements ProgressView {

    private final PrintStream out;

    public PlainView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phase(PhaseStatus status) {
        out.println(ProgressText.phaseLine(status));
        out.flush();
    }

    @Override
    public void traffic(TrafficStatus status) {
        out.println(ProgressText.trafficLine(status));
        out.flush();
    }
}
