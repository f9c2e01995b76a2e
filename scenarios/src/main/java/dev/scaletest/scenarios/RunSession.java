package dev.scaletest.scenarios;

import dev.scaletest.cli.CommonOptions;
import dev.scaletest.cli.OutputTarget;
import dev.scaletest.cli.SimulatorLauncher;
import dev.scaletest.cli.SimulatorSettings;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.state.DeploymentCounts;
import java.util.Optional;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.CoderSetupException;
import dev.scaletest.coder.OwnerCheck;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Results;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.CoderResultsCodec;
import dev.scaletest.reports.CommandLineRedaction;
import dev.scaletest.reports.ErrorTallies;
import dev.scaletest.reports.ReportBuilder;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.TextSummary;
import dev.scaletest.reports.ThrottleTallies;
import dev.scaletest.reports.ThrottlingNotice;
import dev.scaletest.reports.html.HtmlReport;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one command invocation shares: the deployment it talks to (checked: reachable, token
 * good, caller is a site owner), the HTTP clients, the metrics, the error tallies, the journal, and
 * at the end the reports in every requested format and the exit code.
 */
public final class RunSession implements AutoCloseable {
    private final CommonOptions common;
    private final Simulator simulator;
    private final CoderEndpoint endpoint;
    private final CoderHttpClients http;
    private final CoderClient admin;
    private final User me;
    private final OperationMetrics metrics;
    private final ErrorTallies errors = new ErrorTallies();
    private final ThrottleTallies throttles;
    private final ThrottleRecorder throttleRecorder;
    private final List<Threshold> thresholds;
    private final PrintStream out;
    private final PrintStream err;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private RunJournal journal;

    private RunSession(CommonOptions common, CoderEndpoint endpoint, Simulator simulator, CoderHttpClients http,
            CoderClient admin, User me, OperationMetrics metrics, ThrottleTallies throttles, ThrottleRecorder throttleRecorder,
            List<Threshold> thresholds, PrintStream out, PrintStream err) {
        this.common = common;
        this.simulator = simulator;
        this.endpoint = endpoint;
        this.http = http;
        this.admin = admin;
        this.me = me;
        this.metrics = metrics;
        this.throttles = throttles;
        this.throttleRecorder = throttleRecorder;
        this.thresholds = thresholds;
        this.out = out;
        this.err = err;
    }

    /**
     * Connects to {@code endpoint} and checks the caller is a site owner. Failures that mean the
     * input is wrong (bad URL, bad token, not an owner, bad threshold) come back as
     * {@link ConfigException}: one line, exit code 2.
     */
    public static RunSession open(CommonOptions common, MeterRegistry registry, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (common.endpoint().isPresent()) {
            return open(common, common.endpoint().get(), null, registry, out, err);
        }
        Simulator simulator;
        try {
            simulator = SimulatorLauncher.start(SimulatorSettings.embedded());
        } catch (IOException e) {
            throw new ConfigException("cannot start the built-in simulator: " + e.getMessage());
        }
        if (!common.quiet()) {
            err.println("Built-in simulator at " + simulator.url() + " (SSH " + simulator.sshAddress().getHostString() + ":"
                    + simulator.sshAddress().getPort() + ")");
        }
        CoderEndpoint endpoint = new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false);
        return open(common, endpoint, simulator, registry, out, err);
    }

    private static RunSession open(CommonOptions common, CoderEndpoint endpoint, Simulator simulator,
            MeterRegistry registry, PrintStream out, PrintStream err) throws InterruptedException {
        List<Threshold> thresholds;
        try {
            thresholds = ThresholdParser.parseAll(common.thresholds());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--threshold: " + e.getMessage());
        }
        CoderHttpClients http = CoderHttpClients.create(endpoint.tlsTrust());
        try {
            // Created before the first call, so a rate-limited owner check is counted too; sampling starts after it.
            OperationMetrics metrics = new OperationMetrics(registry, Duration.ofSeconds(1));
            ThrottleTallies throttles = new ThrottleTallies();
            ThrottleRecorder throttleRecorder = new ThrottleRecorder(throttles, metrics);
            CoderClient admin = http.clientFor(endpoint).bypassRateLimit(true).throttleListener(throttleRecorder).build();
            User me = OwnerCheck.requireSiteOwner(admin);
            metrics.start();
            return new RunSession(common, endpoint, simulator, http, admin, me, metrics, throttles, throttleRecorder, thresholds,
                    out, err);
        } catch (CoderApiException e) {
            http.close();
            closeSimulator(simulator);
            throw SetupFailures.describe(e);
        } catch (CoderSetupException e) {
            http.close();
            closeSimulator(simulator);
            throw new ConfigException(e.getMessage());
        } catch (IllegalArgumentException e) {
            http.close();
            closeSimulator(simulator);
            throw new ConfigException(e.getMessage());
        } catch (RuntimeException | InterruptedException e) {
            http.close();
            closeSimulator(simulator);
            throw e;
        }
    }

    private static void closeSimulator(Simulator simulator) {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The built-in simulator this session started for {@code --embedded}. */
    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    public CommonOptions common() {
        return common;
    }

    public CoderEndpoint endpoint() {
        return endpoint;
    }

    /** The owner's client, with the rate-limit bypass header, for setup and cleanup calls. */
    public CoderClient admin() {
        return admin;
    }

    public User me() {
        return me;
    }

    public CoderHttpClients http() {
        return http;
    }

    /**
     * A client builder for one run: its own pooled HTTP client, the owner's token, the bypass header,
     * 429s counted for the report. What the run does as another user goes out on
     * {@link CoderClient#asUser}, which drops the bypass.
     */
    public CoderClient.Builder runnerClient() {
        return http.clientFor(endpoint).bypassRateLimit(true).throttleListener(throttleRecorder);
    }

    public OperationMetrics metrics() {
        return metrics;
    }

    public ErrorTallies errors() {
        return errors;
    }

    public List<Threshold> thresholds() {
        return thresholds;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Closes {@code resource} with the session (transports' shared clients, servers). */
    public <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** The run's journal, opened on first use so read-only commands leave no folder behind. */
    public synchronized RunJournal journal() {
        if (journal == null) {
            try {
                journal = RunJournal.open(common.journalDir());
            } catch (IOException e) {
                throw new ConfigException("cannot write the run journal in " + common.journalDir() + ": " + e.getMessage()
                        + "; pass a writable --journal-dir");
            }
        }
        return journal;
    }

    /**
     * Writes every requested output for this phase's results and returns the exit code: 0 all
     * passed, 1 some run failed, 3 a threshold failed. Coder's text goes to stdout unchanged; our
     * summary and the threshold table go to stderr.
     */
    public int report(Results results) {
        metrics.stop();
        ScaletestReport report = buildReport(results);
        ReportJson json = new ReportJson(new CoderResultsCodec());
        for (OutputTarget target : common.outputs()) {
            String text = switch (target.format()) {
                case TEXT -> new CoderResultsCodec().text(results);
                case JSON -> json.toJson(report);
                case HTML -> new HtmlReport().render(report);
            };
            if (target.toStdout()) {
                out.print(text);
                out.flush();
            } else {
                write(target.path().orElseThrow(), text);
            }
        }
        if (!common.quiet()) {
            err.println();
            // The summary carries the threshold table; printing it again would show every gate twice.
            err.print(TextSummary.summary(report));
        }
        ThrottlingNotice.line(report).ifPresent(err::println);
        return report.verdict().exitCode();
    }

    public ScaletestReport buildReport(Results results) {
        ReportMetadata metadata = ReportMetadata.of(toolVersion(), CommandLineRedaction.redact(common.commandLine()),
                endpoint.url().toString(), startedAt, Instant.now(), null);
        return new ReportBuilder(metrics.interval()).build(results, metrics.snapshot(), metadata, errors.snapshot(), thresholds,
                throttles.snapshot());
    }

    /**
     * Prints the rate-limit notice when this session's clients spent a large share of
     * {@code runTime}, the runs' summed durations, waiting on 429s; for commands without a report.
     */
    public void warnIfThrottled(Duration runTime) {
        ThrottlingNotice.line(throttles.snapshot(), runTime).ifPresent(err::println);
    }

    private static void write(Path path, String text) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("write " + path + ": " + e.getMessage(), e);
        }
    }

    public static String toolVersion() {
        String v = RunSession.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public void close() {
        metrics.close();
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                err.println("scaletest: closing " + owned.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                err.println("scaletest: closing the journal: " + e.getMessage());
            }
        }
        http.close();
        if (simulator != null && !common.quiet()) {
            // What the run left behind is the proof that cleanup worked; the simulator goes away now.
            DeploymentCounts left = simulator.api().deployment().counts();
            err.println("Built-in simulator at exit: " + left.scaletestUsers() + " scaletest users, "
                    + left.workspacesAlive() + " workspaces");
        }
        closeSimulator(simulator);
    }
}
