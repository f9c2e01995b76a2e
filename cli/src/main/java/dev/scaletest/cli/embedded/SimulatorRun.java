package dev.scaletest.cli.embedded;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.simulator.ServerTls;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ratelimit.RateLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code scaletest simulator}: serves until the process is told to stop. */
public final class SimulatorRun {
    private final SimulatorSettings settings;
    private final PrintStream out;
    private final PrintStream err;

    public SimulatorRun(SimulatorSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public int runUntilInterrupted() throws Exception {
        Simulator simulator;
        try {
            simulator = SimulatorLauncher.start(settings);
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot start the simulator on " + settings.listen().host()
                    + ":" + settings.listen().port() + ": " + e.getMessage() + "; pick another --listen address");
        }
        Optional<Path> caFile;
        try {
            caFile = writeAuthority();
        } catch (IOException e) {
            simulator.close();
            throw new ConfigException("cannot write the TLS authority to " + settings.tlsCaFile().map(Path::toString).orElse("a temporary file")
                    + ": " + e.getMessage() + "; pass a writable --tls-ca-out");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            if (settings.tlsCaFile().isEmpty()) {
                caFile.ifPresent(SimulatorRun::deleteQuietly);
            }
            stopped.countDown();
        }, "simulator-shutdown"));
        printBanner(simulator, caFile, out);
        err.println("Simulator running; stop it with Ctrl-C.");
        stopped.await();
        return ExitCodes.OK;
    }

    /** One line: the limits, the owner-access rule and the path-app rule in force. */
    public static String describe(AccessRules rules) {
        RateLimits limits = rules.rateLimits();
        String api = limits.apiLimited() ? limits.apiPerWindow() + "/min" : "off";
        String login = limits.loginLimited() ? limits.loginPerWindow() + "/min" : "off";
        return "api rate limit " + api + ", login rate limit " + login + ", keyed by "
                + limits.key().name().toLowerCase(Locale.ROOT)
                + ", owner workspace access " + (rules.ownerWorkspaceAccessDisabled() ? "disabled" : "allowed")
                + ", owners on others' path apps " + (rules.pathAppSiteOwnerAccessAllowed() ? "allowed" : "refused");
    }

    /** A generated certificate's authority, written where clients can be told to trust it. */
    private Optional<Path> writeAuthority() throws IOException {
        Optional<String> pem = settings.tls().flatMap(ServerTls::authorityPem);
        if (pem.isEmpty()) {
            return Optional.empty();
        }
        Path file = settings.tlsCaFile().isPresent() ? settings.tlsCaFile().get()
                : Files.createTempFile("scaletest-simulator-ca-", ".pem");
        Files.writeString(file, pem.get(), StandardCharsets.US_ASCII);
        return Optional.of(file.toAbsolutePath());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Shutting down: a temporary file left behind is all that happens.
        }
    }

    /** The lines scripts read (bench/ does): one fact per line, label first; the CA line only for a generated certificate. */
    static void printBanner(Simulator simulator, Optional<Path> caFile, PrintStream out) {
        out.println("URL: " + simulator.url());
        caFile.ifPresent(file -> out.println("TLS CA file: " + file));
        out.println("Admin token: " + simulator.adminToken());
        out.println("SSH: " + simulator.sshAddress().getHostString() + ":" + simulator.sshAddress().getPort());
        out.println("SSH known_hosts: " + simulator.sshKnownHostsLine());
        out.println("Template: " + simulator.templateName());
        out.println("Stats: " + simulator.url().resolve("/sim/stats"));
        out.println("Rules: " + describe(simulator.api().options().accessRules()));
        out.flush();
    }
}
