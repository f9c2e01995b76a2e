package dev.scaletest.scenarios.run;

import dev.scaletest.harness.PhaseProgress;
import dev.scaletest.harness.Results;
import dev.scaletest.reports.ScaletestReport;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * How a run tells the application what happens. Scenarios never print: the application decides
 * what is shown, where and when ({@code --quiet}, progress modes, output files).
 */
public interface RunObserver {

    /** A line Coder's tool prints on stdout at this point, byte for byte ("Fetching scaletest workspaces..."). */
    void coderLine(String line);

    /** A line for stderr that is always shown: phase starts, interrupts, warnings, what is left behind. */
    void note(String line);

    /** A line for stderr that {@code --quiet} hides: addresses, pre-created workspaces, minted tokens. */
    void detail(String line);

    /** A phase with a known number of runs started; its live counts come from {@code progress}. */
    Watch phaseStarted(String name, Supplier<PhaseProgress> progress);

    /** A traffic phase started; its live readings come from {@code samples}. */
    Watch trafficStarted(String name, Supplier<TrafficSample> samples);

    /** A measured phase's report is ready: write every requested output and the summary. */
    void reported(ScaletestReport report) throws IOException;

    /** Coder's text results of a chore (the cleanup command prints them on stderr). */
    void choreResults(Results results);

    /** The live view of one phase; closing it shows its last state. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
