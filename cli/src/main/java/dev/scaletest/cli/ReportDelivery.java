package dev.scaletest.cli;

import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.reports.output.ReportWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code --output} of a run, written so that no result is lost: a file that cannot be written
 * after the run (the disk filled up, the path was taken away) gets its rendering written to the run's
 * journal folder instead, or failing that to stdout, and each such detour is said in one line. The
 * run's cleanup does not depend on it: the caller reports the lines after the cleanup has run.
 */
final class ReportDelivery {
    private final ReportWriter writer;
    private final PrintStream stdout;
    private final Path fallbackFolder;

    /** @param fallbackFolder where a rendering goes when its file cannot be written: the run's journal folder */
    ReportDelivery(ReportWriter writer, PrintStream stdout, Path fallbackFolder) {
        this.writer = writer;
        this.stdout = stdout;
        this.fallbackFolder = fallbackFolder;
    }

    /** Writes every target; returns one line per target that had to go elsewhere (empty when all went where asked). */
    List<String> deliver(ScaletestReport report, List<OutputTarget> targets) {
        List<String> detours = new ArrayList<>();
        for (OutputTarget target : targets) {
            try {
                writer.write(report, List.of(target), stdout);
            } catch (IOException e) {
                detours.add("could not write --output " + target + " (" + WritablePaths.reason(rootCause(e)) + "); "
                        + elsewhere(report, target.format()));
            }
        }
        return detours;
    }

    private String elsewhere(ScaletestReport report, OutputTarget.Format format) {
        String name = format.flagValue().toUpperCase(java.util.Locale.ROOT) + " report";
        Optional<Path> file = freeName(format);
        if (file.isPresent()) {
            try {
                writer.write(report, List.of(new OutputTarget(format, file)), stdout);
                return "the " + name + " is in " + file.get() + " instead";
            } catch (IOException e) {
                // The journal's disk is as full: stdout is the last place left.
            }
        }
        writer.writeTo(report, format, stdout);
        return "the " + name + " went to stdout instead";
    }

    /** {@code report.json} in the fallback folder, or {@code report-2.json}, ... when taken. */
    private Optional<Path> freeName(OutputTarget.Format format) {
        for (int i = 1; i < 100; i++) {
            Path candidate = fallbackFolder.resolve("report" + (i == 1 ? "" : "-" + i) + "." + format.flagValue());
            if (!Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static IOException rootCause(IOException e) {
        return e.getCause() instanceof IOException cause ? cause : e;
    }
}
