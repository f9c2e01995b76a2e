package dev.scaletest.scenarios.run;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.CoderSetupException;
import dev.scaletest.coder.OwnerCheck;
import dev.scaletest.coder.TemplateResolver;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Results;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.CommandLineRedaction;
import dev.scaletest.reports.ErrorTallies;
import dev.scaletest.reports.ReportBuilder;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.ThrottleTallies;
import dev.scaletest.reports.ThrottlingNotice;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.SetupFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What one run shares: the deployment it talks to (checked: reachable, token good, caller is a
 * site owner), the HTTP clients, the metrics, the error tallies, the journal, and whatever the
 * scenario hands it to close at the end.
 */
public final class RunSession implements AutoCloseable {
    private final DeploymentTarget target;
    private final RunOptions options;
    private final RunObserver observer;
    private final CoderHttpClients http;
    private final CoderClient admin;
    private final User me;
    /** coderd's version from {@code GET /api/v2/buildinfo}; null when it would not say. */
    private final String coderVersion;
    private final OperationMetrics metrics;
    private final ErrorTallies errors = new ErrorTallies();
    private final ThrottleTallies throttles;
    private final ThrottleRecorder throttleRecorder;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private RunJournal journal;
    private volatile BooleanSupplier interrupts = () -> false;

    private RunSession(DeploymentTarget target, RunOptions options, RunObserver observer, CoderHttpClients http,
            CoderClient admin, User me, String coderVersion, OperationMetrics metrics, ThrottleTallies throttles,
            ThrottleRecorder throttleRecorder) {
        this.target = target;
        this.options = options;
        this.observer = observer;
        this.http = http;
        this.admin = admin;
        this.me = me;
        this.coderVersion = coderVersion;
        this.metrics = metrics;
        this.throttles = throttles;
        this.throttleRecorder = throttleRecorder;
    }

    /**
     * Connects to the target and checks the caller is a site owner. Failures that mean the input
     * is wrong (bad URL, bad token, not an owner) come back as {@link ConfigException}: one line,
     * exit code 2.
     */
    public static RunSession open(DeploymentTarget target, RunOptions options, MeterRegistry registry, RunObserver observer)
            throws InterruptedException {
        CoderEndpoint endpoint = target.endpoint();
        CoderHttpClients http = CoderHttpClients.create(endpoint.tlsTrust(), options.userAgent());
        try {
            // Created before the first call, so a rate-limited owner check is counted too; sampling starts after it.
            OperationMetrics metrics = new OperationMetrics(registry, Duration.ofSeconds(1));
            ThrottleTallies throttles = new ThrottleTallies();
            ThrottleRecorder throttleRecorder = new ThrottleRecorder(throttles, metrics);
            CoderClient admin = http.clientFor(endpoint).bypassRateLimit(true).throttleListener(throttleRecorder).build();
            User me = OwnerCheck.requireSiteOwner(admin);
            String coderVersion = coderVersion(admin, observer);
            metrics.start();
            return new RunSession(target, options, observer, http, admin, me, coderVersion, metrics, throttles, throttleRecorder);
        } catch (CoderApiException e) {
            http.close();
            throw SetupFailures.describe(e);
        } catch (CoderSetupException | IllegalArgumentException e) {
            http.close();
            throw new ConfigException(e.getMessage());
        } catch (RuntimeException | InterruptedException e) {
            http.close();
            throw e;
        }
    }

    /**
     * coderd's version for the report, so nightly runs compare across upgrades. Every coderd answers
     * {@code GET /api/v2/buildinfo}; should a proxy in front refuse it, the run goes on without.
     */
    private static String coderVersion(CoderClient admin, RunObserver observer) throws InterruptedException {
        try {
            String version = admin.buildInfo().version();
            return version == null || version.isBlank() ? null : version;
        } catch (CoderApiException e) {
            observer.note("scaletest: coderd's version is unknown (" + e.firstLine() + "); the report will not name it");
            return null;
        }
    }

    public DeploymentTarget target() {
        return target;
    }

    public CoderEndpoint endpoint() {
        return target.endpoint();
    }

    public RunOptions options() {
        return options;
    }

    public List<Threshold> thresholds() {
        return options.thresholds();
    }

    /** The owner's client, with the rate-limit bypass header, for setup and cleanup calls. */
    public CoderClient admin() {
        return admin;
    }

    public User me() {
        return me;
    }

    /**
     * A client builder for one run: its own pooled HTTP client, the owner's token, the bypass header,
     * 429s counted for the report. What the run does as another user goes out on
     * {@link CoderClient#asUser}, which drops the bypass.
     */
    public CoderClient.Builder runnerClient() {
        return http.clientFor(endpoint()).bypassRateLimit(true).throttleListener(throttleRecorder);
    }

    public OperationMetrics metrics() {
        return metrics;
    }

    public ErrorTallies errors() {
        return errors;
    }

    /**
     * {@code --template NAME|ID} as every command checks it before doing anything: an unknown
     * template is bad input (one line, exit code 2).
     */
    public Template resolveTemplate(String nameOrId) throws InterruptedException {
        try {
            return new TemplateResolver(admin).resolve(nameOrId, me);
        } catch (CoderSetupException e) {
            throw new ConfigException("--template: " + e.getMessage());
        } catch (CoderApiException e) {
            throw SetupFailures.describe(e);
        }
    }

    /** Where {@link #interrupted()} looks: the run's Ctrl-C handling, once the runner has it. */
    void watchInterrupts(BooleanSupplier interrupted) {
        this.interrupts = interrupted;
    }

    /**
     * Whether Ctrl-C (or SIGTERM) arrived: a plan that decides its next phase late starts no new
     * measured phase then, and goes on to its cleanup.
     */
    public boolean interrupted() {
        return interrupts.getAsBoolean();
    }

    /** Closes {@code resource} with the session (transports' shared clients, servers, tokens). */
    public <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** The run's journal, opened on first use so read-only commands leave no folder behind. */
    public synchronized RunJournal journal() {
        if (journal == null) {
            try {
                journal = RunJournal.open(options.journalDir());
            } catch (IOException e) {
                throw new ConfigException("cannot write the run journal in " + options.journalDir() + ": " + e.getMessage()
                        + "; pass a writable --journal-dir");
            }
        }
        return journal;
    }

    /** Stops sampling and builds the report of a measured phase's results. */
    ScaletestReport finalReport(Results results) {
        metrics.stop();
        return buildReport(results);
    }

    private ScaletestReport buildReport(Results results) {
        ReportMetadata metadata = ReportMetadata.of(options.toolVersion(), CommandLineRedaction.redact(options.commandLine()),
                endpoint().url().toString(), startedAt, Instant.now(), options.runId(),
                options.shard().map(ReportMetadata.Shard::of).orElse(null)).withCoderVersion(coderVersion);
        return new ReportBuilder().build(results, metrics.snapshot(), metadata, errors.snapshot(),
                options.thresholds(), throttles.snapshot());
    }

    /**
     * The rate-limit notice when this session's clients spent a large share of {@code runTime}, the
     * runs' summed durations, waiting on 429s; for runs without a report.
     */
    Optional<String> throttlingNotice(Duration runTime) {
        return ThrottlingNotice.line(throttles.snapshot(), runTime);
    }

    @Override
    public void close() {
        metrics.close();
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                observer.note("scaletest: closing " + owned.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                observer.note("scaletest: closing the journal: " + e.getMessage());
            }
        }
        http.close();
    }
}
