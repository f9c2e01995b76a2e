package dev.scaletest.cli;

import dev.scaletest.cli.embedded.DurationRange;
import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.net.HostPort;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SelfSignedAuthority;
import dev.scaletest.simulator.ServerTls;
import dev.scaletest.simulator.ratelimit.RateLimitKey;
import dev.scaletest.simulator.ratelimit.RateLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "simulator",
        description = {"Run the built-in Coder simulator: enough of coderd, provisioners and agents to point scaletest (or Coder's own tool) at.",
                "Fault flags inject latency, errors, failed builds and dropped connections.",
                "Rule flags enforce coderd's rate limits and owner-access rule; by default there are none, as on Coder's own scale-test deployments.",
                "coderd's path-app rule is on by default, as coderd ships it: site owners cannot open other users' path apps."})
final class SimulatorCommand implements Callable<Integer> {

    @ParentCommand
    ScaletestCommand root;

    @Option(names = "--listen", defaultValue = "127.0.0.1:3000", paramLabel = "HOST:PORT",
            description = "HTTP address of the simulated coderd. Default: ${DEFAULT-VALUE}.")
    String listen;

    @Option(names = "--provisioners", defaultValue = "3", paramLabel = "N",
            description = "Builds that run at once; the rest wait in the queue. Default: ${DEFAULT-VALUE}.")
    int provisioners;

    @Option(names = "--build-time", defaultValue = "200ms..400ms", paramLabel = "MIN..MAX",
            description = "How long one build takes: a range (200ms..400ms) or one duration. Default: ${DEFAULT-VALUE}.")
    String buildTime;

    @Option(names = "--agent-connect-time", defaultValue = "100ms..300ms", paramLabel = "MIN..MAX",
            description = "How long an agent takes to connect after its build. Default: ${DEFAULT-VALUE}.")
    String agentConnectTime;

    @Option(names = "--fault-latency", paramLabel = "'METHOD /path=DURATION'",
            description = "Extra latency for one endpoint, e.g. 'POST /users=200ms' (repeatable).")
    List<String> faultLatency = new ArrayList<>();

    @Option(names = "--fault-5xx-rate", defaultValue = "0", paramLabel = "P", description = "Share of API responses that are 500s (0..1).")
    double fault5xxRate;

    @Option(names = "--fault-5xx-after-action",
            description = {"Send the --fault-5xx-rate errors after the route has done its work (500: the user, workspace "
                    + "or build exists, only the answer is lost) instead of before it (503: nothing was done)."})
    boolean fault5xxAfterAction;

    @Option(names = "--fault-429-rate", defaultValue = "0", paramLabel = "P", description = "Share of API responses that are 429s (0..1).")
    double fault429Rate;

    @Option(names = "--fault-retry-after", defaultValue = "1s", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Retry-After of the 429s. Default: ${DEFAULT-VALUE}.")
    Duration faultRetryAfter;

    @Option(names = "--fault-build-failure-rate", defaultValue = "0", paramLabel = "P", description = "Share of builds that fail (0..1).")
    double faultBuildFailureRate;

    @Option(names = "--fault-agents-never-connect", description = "Agents never connect.")
    boolean faultAgentsNeverConnect;

    @Option(names = "--fault-ws-drop-rate", defaultValue = "0", paramLabel = "P",
            description = "Per second, chance that a live WebSocket is cut (0..1).")
    double faultWsDropRate;

    @Option(names = "--fault-ssh-drop-rate", defaultValue = "0", paramLabel = "P",
            description = "Per second, chance that a live SSH session is cut (0..1).")
    double faultSshDropRate;

    @Option(names = "--fault-stall-at", defaultValue = "0s", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "When (after start) every response and stream freezes.")
    Duration faultStallAt;

    @Option(names = "--fault-stall-for", defaultValue = "0s", paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "How long the freeze lasts (0 = no freeze).")
    Duration faultStallFor;

    @Option(names = "--app-host", defaultValue = "", paramLabel = "PATTERN",
            description = "Wildcard app host to announce, e.g. '*.apps.127.0.0.1.nip.io' (empty: none).")
    String appHost;

    @Option(names = "--ssh-listen", paramLabel = "HOST:PORT", description = "Where the agents' SSH server listens (default: no SSH).")
    String sshListen;

    @Option(names = "--api-rate-limit", paramLabel = "N", descriptionKey = "CODER_API_RATE_LIMIT",
            description = {"Requests per minute that one user (by session token, else one client IP) may send to one endpoint "
                    + "under /api/v2, an app path or the web terminal; more get 429 with Retry-After, as from coderd "
                    + "(whose default is 512). 0 or negative: no limit, the default here, as Coder's own scale-test "
                    + "deployments run."})
    int apiRateLimit;

    @Option(names = "--login-rate-limit", paramLabel = "N",
            description = {"Logins (POST /api/v2/users/login) per minute per client IP, on top of --api-rate-limit; coderd "
                    + "enforces 60 and has no flag for it. 0 or negative: no limit (the default here)."})
    int loginRateLimit;

    @Option(names = "--rate-limit-key", paramLabel = "user|ip", defaultValue = "user",
            description = {"What the limits count by: 'user' as coderd does since coder/coder#22049 (February 2026), "
                    + "where an owner's X-Coder-Bypass-Ratelimit header lifts the limits and anyone else's gets 428; "
                    + "'ip' as earlier releases did, where every request counts per client IP and the header is "
                    + "ignored. Default: ${DEFAULT-VALUE}."})
    String rateLimitKey;

    @Option(names = "--dangerous-disable-rate-limits", descriptionKey = "CODER_DANGEROUS_DISABLE_RATE_LIMITS",
            description = "Disable every rate limit whatever the flags above say, as coderd's flag of that name does.")
    boolean dangerousDisableRateLimits;

    @Option(names = "--disable-owner-workspace-access", descriptionKey = "CODER_DISABLE_OWNER_WORKSPACE_ACCESS",
            description = {"As coderd's flag: site owners may no longer open web terminals, apps or SSH sessions on "
                    + "workspaces they do not own (they get coderd's 404 'Application Not Found' page); reading, "
                    + "building and deleting them stays allowed. /api/v2/deployment/config reports it as "
                    + "disable_owner_workspace_exec."})
    boolean disableOwnerWorkspaceAccess;

    @Option(names = "--dangerous-allow-path-app-site-owner-access", descriptionKey = "CODER_DANGEROUS_ALLOW_PATH_APP_SITE_OWNER_ACCESS",
            description = {"As coderd's flag: let site owners open path-based apps (/@user/workspace/apps/slug) of "
                    + "workspaces they do not own. Without it, as coderd ships, they get the 404 'Application Not Found' "
                    + "page with a warning naming this flag; the web terminal and SSH are not path apps and are not "
                    + "affected. /api/v2/deployment/config reports it as dangerous.allow_path_app_site_owner_access."})
    boolean dangerousAllowPathAppSiteOwnerAccess;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this PEM certificate chain (the server's certificate first), as coderd's --tls-cert-file; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The unencrypted PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-self-signed",
            description = {"Serve HTTPS with a certificate for the --listen host, localhost and 127.0.0.1, signed by a certificate authority made at start.",
                    "The authority's PEM file is printed as 'TLS CA file:'; clients trust it with --tls-ca-file or SSL_CERT_FILE."})
    boolean tlsSelfSigned;

    @Option(names = "--tls-ca-out", paramLabel = "FILE",
            description = "With --tls-self-signed: where to write the authority's PEM file. Default: a temporary file, removed when the simulator stops.")
    Path tlsCaOut;

    @Override
    public Integer call() throws Exception {
        return root.launcher().simulator(toSettings());
    }

    /** The certificate to serve, from --tls-cert/--tls-key or made for the listen host; empty for plain HTTP. */
    private Optional<ServerTls> tls(HostPort address) {
        if (tlsSelfSigned && (tlsCert != null || tlsKey != null)) {
            throw new ConfigException("--tls-self-signed and --tls-cert/--tls-key exclude each other: pass one");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ConfigException("--tls-cert and --tls-key go together: pass both PEM files, or --tls-self-signed");
        }
        if (tlsCaOut != null && !tlsSelfSigned) {
            throw new ConfigException("--tls-ca-out is where --tls-self-signed writes its authority: pass --tls-self-signed too");
        }
        if (tlsSelfSigned) {
            if (tlsCaOut != null) {
                WritablePaths.checkFile("--tls-ca-out " + tlsCaOut, tlsCaOut);
            }
            Set<String> names = new LinkedHashSet<>();
            String host = address.host();
            if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
                names.add(host);
            }
            names.addAll(List.of("localhost", "127.0.0.1", "::1"));
            return Optional.of(SelfSignedAuthority.issue(List.copyOf(names)));
        }
        if (tlsCert == null) {
            return Optional.empty();
        }
        try {
            ServerTls tls = ServerTls.fromPemFiles(tlsCert, tlsKey);
            tls.serverContext();
            return Optional.of(tls);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    SimulatorSettings toSettings() {
        if (provisioners <= 0) {
            throw new ConfigException("--provisioners must be greater than 0");
        }
        Map<String, Duration> latency = new LinkedHashMap<>();
        for (String entry : faultLatency) {
            int equals = entry.lastIndexOf('=');
            String endpoint = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (equals < 0 || !endpoint.matches("[A-Z]+ /\\S*")) {
                throw new ConfigException("--fault-latency expects 'METHOD /path=DURATION' such as 'POST /users=200ms', got \"" + entry + "\"");
            }
            Duration delay = latency(entry.substring(equals + 1).trim());
            latency.put(endpoint, delay);
        }
        Faults faults = new Faults(latency, rate("--fault-5xx-rate", fault5xxRate), rate("--fault-429-rate", fault429Rate),
                nonNegative("--fault-retry-after", faultRetryAfter), rate("--fault-build-failure-rate", faultBuildFailureRate),
                faultAgentsNeverConnect, rate("--fault-ws-drop-rate", faultWsDropRate), rate("--fault-ssh-drop-rate", faultSshDropRate),
                nonNegative("--fault-stall-at", faultStallAt), nonNegative("--fault-stall-for", faultStallFor))
                .with5xxAfterAction(fault5xxAfterAction);
        if (fault5xxRate + fault429Rate > 1) {
            throw new ConfigException("--fault-5xx-rate plus --fault-429-rate must not exceed 1");
        }
        Optional<HostPort> ssh = sshListen == null || sshListen.isBlank() ? Optional.empty()
                : Optional.of(listenAddress("--ssh-listen", sshListen));
        HostPort address = listenAddress("--listen", listen);
        return new SimulatorSettings(address, provisioners,
                DurationRange.parse("--build-time", buildTime), DurationRange.parse("--agent-connect-time", agentConnectTime),
                faults, appHost.trim(), ssh, accessRules(), tls(address), Optional.ofNullable(tlsCaOut));
    }

    private AccessRules accessRules() {
        RateLimitKey key = switch (rateLimitKey.trim().toLowerCase(Locale.ROOT)) {
            case "user" -> RateLimitKey.USER;
            case "ip" -> RateLimitKey.IP;
            default -> throw new ConfigException("--rate-limit-key must be user or ip, got \"" + rateLimitKey + "\"");
        };
        RateLimits limits = dangerousDisableRateLimits ? RateLimits.off() : RateLimits.perMinute(apiRateLimit, loginRateLimit);
        return new AccessRules(limits.keyedBy(key), disableOwnerWorkspaceAccess, dangerousAllowPathAppSiteOwnerAccess);
    }

    /** A host to listen on and a port, 0 for any free one. */
    private static HostPort listenAddress(String flag, String text) {
        try {
            return HostPort.parse(text, true, 0);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(flag + " " + e.getMessage());
        }
    }

    private static double rate(String flag, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(flag + " must be between 0 and 1, got " + value);
        }
        return value;
    }

    private static Duration nonNegative(String flag, Duration value) {
        if (value.isNegative()) {
            throw new ConfigException(flag + " must not be negative");
        }
        return value;
    }

    /** The duration part of a {@code --fault-latency} value, reported under that flag. */
    private static Duration latency(String text) {
        Duration duration;
        try {
            duration = new GoDurationConverter().convert(text);
        } catch (RuntimeException e) {
            throw new ConfigException("--fault-latency: " + e.getMessage());
        }
        return nonNegative("--fault-latency", duration);
    }
}
