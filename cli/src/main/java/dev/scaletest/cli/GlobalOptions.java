package dev.scaletest.cli;

import dev.scaletest.cli.progress.ProgressMode;
import dev.scaletest.coder.CaBundle;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.harness.Shard;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.net.HttpUrl;
import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Coder's global flags plus ours, declared on the root command and inherited by the subcommands
 * they apply to ({@link FlagScopes}), so both {@code scaletest --url X create-workspaces} and
 * {@code scaletest create-workspaces --url X} work.
 */
public final class GlobalOptions {

    @Option(names = "--url", scope = ScopeType.INHERIT, descriptionKey = "CODER_URL", paramLabel = "URL",
            description = "URL of the Coder deployment. Without it, the URL saved by 'coder login' is used.")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, descriptionKey = "CODER_SESSION_TOKEN", paramLabel = "TOKEN",
            description = "Session token of a site owner. Without it, the token saved by 'coder login' is used.")
    String token;

    @Option(names = "--header", scope = ScopeType.INHERIT, descriptionKey = "CODER_HEADER", paramLabel = "NAME=VALUE",
            description = "Extra HTTP header for every request to Coder (repeatable; comma-separated in the environment).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--header-command", scope = ScopeType.INHERIT, descriptionKey = "CODER_HEADER_COMMAND", paramLabel = "COMMAND",
            description = "Shell command run once before the first request; each line it prints is a Name=Value header for every"
                    + " request, after the --header ones. It runs with sh -c and CODER_URL set, as the coder CLI runs it.")
    String headerCommand;

    // Coder's CLI warns when its version differs from the server's, and about unlicensed features.
    // scaletest is not a Coder CLI build (no client version to compare) and prints neither warning;
    // the flags are accepted so scripts written for 'coder exp scaletest' run unchanged.
    @Option(names = "--no-version-warning", scope = ScopeType.INHERIT, descriptionKey = "CODER_NO_VERSION_WARNING",
            description = "Accepted for compatibility with the coder CLI; scaletest prints no client/server version warning.")
    boolean noVersionWarning;

    @Option(names = "--no-feature-warning", scope = ScopeType.INHERIT, descriptionKey = "CODER_NO_FEATURE_WARNING",
            description = "Accepted for compatibility with the coder CLI; scaletest prints no unlicensed-feature warnings.")
    boolean noFeatureWarning;

    @Option(names = "--global-config", scope = ScopeType.INHERIT, descriptionKey = "CODER_CONFIG_DIR", paramLabel = "DIR",
            description = "Coder CLI config directory where 'coder login' keeps url and session. Default: coderv2 in $XDG_CONFIG_HOME or in ~/.config")
    Path globalConfig;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, descriptionKey = "CODER_VERBOSE",
            description = "Print more, including stack traces of unexpected errors.")
    boolean verbose;

    @Option(names = "--insecure-skip-verify", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_INSECURE_SKIP_VERIFY",
            description = "Do not check TLS certificates (prints a warning).")
    boolean insecureSkipVerify;

    @Option(names = "--tls-ca-file", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_TLS_CA_FILE", paramLabel = "FILE",
            description = "PEM file of certificate authorities to trust besides the JDK's, in place of SSL_CERT_FILE (which is read as Go"
                    + " reads it, with SSL_CERT_DIR); an SSH proxy command gets it as SSL_CERT_FILE.")
    Path tlsCaFile;

    @Option(names = "--disable-direct-connections", scope = ScopeType.INHERIT, descriptionKey = "CODER_DISABLE_DIRECT_CONNECTIONS",
            description = "Coder's root flag, the same as workspace-traffic --disable-direct: SSH proxy commands run with CODER_DISABLE_DIRECT_CONNECTIONS=true, so 'coder ssh' relays through DERP.")
    boolean disableDirectConnections;

    @Option(names = "--embedded", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_EMBEDDED",
            description = "Start the built-in Coder simulator in this process and point everything at it.")
    boolean embedded;

    @Option(names = "--journal-dir", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_JOURNAL_DIR", paramLabel = "DIR",
            description = "Where this run records what it creates. Default: scaletest-runs/<run-id> in the current directory.")
    Path journalDir;

    @Option(names = "--quiet", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_QUIET",
            description = "No live progress.")
    boolean quiet;

    @Option(names = "--progress", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_PROGRESS", paramLabel = "MODE",
            defaultValue = "auto", converter = ProgressModeConverter.class,
            description = "Live progress on stderr: auto (bar on a terminal, lines otherwise), plain, json or none. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress = ProgressMode.AUTO;

    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * Resolves the shared options of a scenario command. Prints warnings for risky choices to
     * {@code err}; throws {@link ConfigException} for anything the user must fix.
     */
    CommonOptions resolve(CommandSpec command, CliEnvironment environment, PrintWriter err, ShardOptions shards,
                          List<OutputTarget> outputs, List<String> thresholds, boolean abortOnThreshold) {
        Optional<Shard> shard = shards.shard(environment);
        String runId = shards.runId().orElseGet(() -> runId(environment));
        if (insecureSkipVerify) {
            err.println("WARNING: --insecure-skip-verify: TLS certificates are not checked; anyone on the path can read the session token.");
            err.flush();
        }
        List<String> typed = typedArguments(command);
        Optional<CoderEndpoint> endpoint = embedded ? Optional.empty() : Optional.of(endpoint(command, environment));
        Path journal = journalDir != null ? journalDir : defaultJournalDir(runId, shard);
        ProgressMode mode = quiet ? ProgressMode.NONE : progress;
        return new CommonOptions(endpoint, embedded, runId, shard, journal, outputs, mode, environment.stderrIsTerminal(), quiet,
                thresholds, abortOnThreshold, verbose, typed);
    }

    /**
     * {@code scaletest-runs/<run-id>}, and for a shard {@code scaletest-runs/<run-id>/shard-<index>}: every
     * shard of a run shares its id, so shards started in one directory must not share a journal.
     */
    static Path defaultJournalDir(String runId, Optional<Shard> shard) {
        Path run = RunJournal.defaultDirectory(runId);
        return shard.map(s -> run.resolve("shard-" + s.index())).orElse(run);
    }

    private static List<String> typedArguments(CommandSpec command) {
        var parsed = command.root().commandLine().getParseResult();
        List<String> args = new java.util.ArrayList<>();
        args.add("scaletest");
        if (parsed != null) {
            args.addAll(parsed.originalArgs());
        }
        return args;
    }

    boolean verbose() {
        return verbose;
    }

    boolean disableDirectConnections() {
        return disableDirectConnections;
    }

    private CoderEndpoint endpoint(CommandSpec command, CliEnvironment environment) {
        Path configDir = globalConfig != null ? globalConfig : environment.defaultCoderConfigDir();
        boolean haveUrl = url != null && !url.isBlank();
        boolean haveToken = token != null && !token.isBlank();
        CoderLogin login = haveUrl && haveToken ? new CoderLogin(Optional.empty(), Optional.empty()) : CoderLogin.read(configDir);
        String urlText = haveUrl ? url.trim() : login.url().orElseThrow(() ->
                new ConfigException("no Coder URL: pass --url or set CODER_URL (or log in with 'coder login')"));
        String tokenText = haveToken ? token.trim() : login.sessionToken().orElseThrow(() ->
                new ConfigException("no session token: pass --token or set CODER_SESSION_TOKEN (or log in with 'coder login')"));
        List<CoderEndpoint.Header> parsedHeaders = new ArrayList<>();
        for (String header : RepeatableValues.of(command, "--header", headers)) {
            parsedHeaders.add(parseHeader(header));
        }
        URI coderUrl = parseUrl(urlText, haveUrl ? "--url" : configDir.resolve("url") + " (written by 'coder login'; log in again or pass --url):");
        if (headerCommand != null && !headerCommand.isBlank()) {
            parsedHeaders.addAll(new HeaderCommand(headerCommand).run(coderUrl));
        }
        return new CoderEndpoint(coderUrl, tokenText, parsedHeaders, tlsTrust(environment));
    }

    /** --insecure-skip-verify, else the JDK's roots with --tls-ca-file, SSL_CERT_FILE and SSL_CERT_DIR as Go reads them. */
    private TlsTrust tlsTrust(CliEnvironment environment) {
        if (insecureSkipVerify) {
            return TlsTrust.ACCEPT_ANY;
        }
        try {
            return TlsTrust.verifying(CaBundle.fromEnvironment(environment.variables(), Optional.ofNullable(tlsCaFile)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + "; name a PEM file of CA certificates, or unset the variable");
        }
    }

    /** @param source where the URL came from, as the message names it */
    private static URI parseUrl(String text, String source) {
        try {
            return HttpUrl.parseBase(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " " + e.getMessage());
        }
    }

    /** Coder's {@code Name=Value} header syntax, split on the first '='. */
    static CoderEndpoint.Header parseHeader(String text) {
        return CoderEndpoint.Header.parse(text).orElseThrow(() ->
                new ConfigException("--header: split header \"" + text + "\" had less than two parts (use Name=Value)"));
    }

    private static String runId(CliEnvironment environment) {
        byte[] suffix = new byte[2];
        new SecureRandom().nextBytes(suffix);
        return RUN_ID_TIME.format(environment.clock().instant()) + "-" + HexFormat.of().formatHex(suffix);
    }
}
