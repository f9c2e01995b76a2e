package dev.scaletest.cli.embedded;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ratelimit.RateLimits;
import java.io.PrintStream;
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
            throw new dev.scaletest.scenarios.ConfigException("cannot start the simulator on " + settings.listen().host()
                    + ":" + settings.listen().port() + ": " + e.getMessage() + "; pick another --listen address");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        printBanner(simulator, out);
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

    /** The lines scripts read (bench/ does): one fact per line, label first. */
    static void printBanner(Simulator simulator, PrintStream out) {
        out.println("URL: " + simulator.url());
        out.println("Admin token: " + simulator.adminToken());
        out.println("SSH: " + simulator.sshAddress().getHostString() + ":" + simulator.sshAddress().getPort());
        out.println("SSH known_hosts: " + simulator.sshKnownHostsLine());
        out.println("Template: " + simulator.templateName());
        out.println("Stats: " + simulator.url().resolve("/sim/stats"));
        out.println("Rules: " + describe(simulator.api().options().accessRules()));
        out.flush();
    }
}
