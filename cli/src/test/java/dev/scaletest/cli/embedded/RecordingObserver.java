package dev.scaletest.cli.embedded;

import dev.scaletest.harness.PhaseProgress;
import dev.scaletest.harness.Results;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.TrafficSample;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Keeps what a run told its observer, each line tagged with where the console would show it. */
final class RecordingObserver implements RunObserver {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> phases = new CopyOnWriteArrayList<>();
    final List<ScaletestReport> reports = new CopyOnWriteArrayList<>();
    /** When set, delivering a report fails with this, as a full disk would. */
    volatile IOException deliveryFailure;

    @Override
    public void coderLine(String line) {
        lines.add("stdout: " + line);
    }

    @Override
    public void note(String line) {
        lines.add("note: " + line);
    }

    @Override
    public void detail(String line) {
        lines.add("detail: " + line);
    }

    @Override
    public Watch phaseStarted(String name, Supplier<PhaseProgress> progress) {
        phases.add(name);
        return () -> phases.add(name + " " + progress.get().finished() + "/" + progress.get().total());
    }

    @Override
    public Watch trafficStarted(String name, Supplier<TrafficSample> samples) {
        phases.add(name);
        return () -> phases.add(name + " done");
    }

    @Override
    public void reported(ScaletestReport report) throws IOException {
        reports.add(report);
        if (deliveryFailure != null) {
            throw deliveryFailure;
        }
    }

    @Override
    public void choreResults(Results results) {
        lines.add("results: " + results.totalPass() + " passed, " + results.totalFail() + " failed");
    }
}
