package dev.scaletest.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian {@code chromium} package run headless against a report page, for the report tests
 * here and in the end-to-end suite. The page marks its {@code <body>} with the number of charts
 * uPlot drew and any console errors, so the DOM dump says whether it worked.
 */
public final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern CHART_CONTAINER = Pattern.compile("<div class=\"chart\" data-chart=\"");
    private static final Pattern UPLOT = Pattern.compile("class=\"uplot");
    private static final Pattern BODY = Pattern.compile("<body[^>]*>");
    private static final long TIMEOUT_SECONDS = 100;

    private final Path workDir;

    private HeadlessChromium(Path workDir) {
        this.workDir = workDir;
    }

    /** Skips the calling test where chromium is not installed ({@code bin/install-test-tools}). */
    public static HeadlessChromium requireInstalled(Path workDir) {
        assumeTrue(Files.isExecutable(BINARY), "chromium is not installed (bin/install-test-tools)");
        return new HeadlessChromium(workDir);
    }

    /** What chromium printed: the DOM dump on stdout, its log (console lines included) on stderr. */
    public record Output(String stdout, String stderr) {}

    /** Runs chromium on {@code page} with {@code args} (e.g. {@code --dump-dom}, {@code --screenshot=…}). */
    public Output run(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        command.add(page.toAbsolutePath().toUri().toString());
        Path out = Files.createTempFile(workDir, "chromium", ".out");
        Path err = Files.createTempFile(workDir, "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + "s");
        }
        return new Output(Files.readString(out), Files.readString(err));
    }

    /** Number of chart containers the page holds. */
    public static int chartContainers(String html) {
        return (int) CHART_CONTAINER.matcher(html).results().count();
    }

    /**
     * Loads the page and asserts that every chart container got a drawn uPlot and that the console
     * stayed clean, both as the page itself recorded it and in chromium's log.
     */
    public void assertEveryChartDrawsWithACleanConsole(Path page) throws IOException, InterruptedException {
        int containers = chartContainers(Files.readString(page));
        Output output = run(page, "--dump-dom");
        Matcher body = BODY.matcher(output.stdout());
        assertTrue(body.find(), output.stdout().length() > 500 ? output.stdout().substring(0, 500) : output.stdout());
        String tag = body.group();
        assertTrue(tag.contains("data-charts-drawn=\"" + containers + "\""), tag + " of " + containers);
        assertTrue(tag.contains("data-console-errors=\"\""), tag);
        assertEquals(containers, UPLOT.matcher(output.stdout()).results().count(), "a uPlot per container");
        assertFalse(output.stderr().contains(":CONSOLE"), "console output:\n" + output.stderr());
    }
}
