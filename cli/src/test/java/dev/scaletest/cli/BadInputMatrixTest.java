package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.cli.MisbehavingServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bad-input matrix: the real command line with the production launcher, in this process,
 * against a local server that is not Coder. Every case must end in exit 2 with exactly one line on
 * stderr that names the flag, variable, file or server at fault, no stack trace, nothing on
 * stdout, no request that creates anything, and no journal folder.
 */
class BadInputMatrixTest {

    @TempDir
    static Path dir;

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One case: what the line must name, the arguments, and what differs from the default setup. */
    record Case(String names, List<String> args, Map<String, String> env, Reply reply, Path home) {
        Case env(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(env);
            changed.put(name, value);
            return new Case(names, args, changed, reply, home);
        }

        Case server(Reply answer) {
            return new Case(names, args, env, answer, home);
        }

        Case home(Path loginHome) {
            return new Case(names, args, env, reply, loginHome);
        }

        @Override
        public String toString() {
            String vars = env.isEmpty() ? "" : env + " ";
            String server = reply == Reply.NOTHING_EXPECTED ? "" : " [server: " + reply + "]";
            return vars + String.join(" ", args) + server;
        }
    }

    private static Case bad(String names, String... args) {
        return new Case(names, List.of(args), Map.of(), Reply.NOTHING_EXPECTED, null);
    }

    private static Case create(String names, String... flags) {
        List<String> args = new ArrayList<>(List.of("create-workspaces", "-t", "docker", "--count", "1"));
        args.addAll(List.of(flags));
        return new Case(names, args, Map.of(), Reply.NOTHING_EXPECTED, null);
    }

    private static Case traffic(String names, String... flags) {
        List<String> args = new ArrayList<>(List.of("workspace-traffic"));
        args.addAll(List.of(flags));
        return new Case(names, args, Map.of(), Reply.NOTHING_EXPECTED, null);
    }

    private static Stream<Case> flagCases(Fixtures files) {
        return Stream.of(
                // numbers
                create("--count", "--count", "0"),
                create("--count", "--count", "-3"),
                create("--count", "--count", "many"),
                create("--count", "--count", "99999999999"),
                create("--count", "--count", "1.5"),
                create("--count", "--token", "typed-token", "--count", "0"),
                create("--concurrency", "--concurrency", "-1"),
                create("--concurrency", "--concurrency", "ten"),
                create("--retry", "--retry", "-1"),
                create("--retry", "--retry", "often"),
                traffic("--bytes-per-tick", "--bytes-per-tick", "0"),
                traffic("--bytes-per-tick", "--bytes-per-tick", "lots"),
                bad("--cleanup-concurrency", "cleanup", "--cleanup-concurrency", "-2"),
                // durations
                create("--timeout", "--timeout", "ten"),
                create("--timeout", "--timeout", "-5s"),
                traffic("duration", "--timeout", "0"),
                create("--job-timeout", "--job-timeout", "5"),
                create("--ramp-up", "--ramp-up", "1m"),
                traffic("--tick-interval", "--tick-interval", "0s"),
                traffic("--tick-interval", "--tick-interval", "1"),
                create("--run-timeout", "--run-command", "true", "--run-timeout", "0s"),
                bad("--cleanup-timeout", "cleanup", "--cleanup-timeout", "soon"),
                create("--connect-hold", "--connect-hold", "1 hour"),
                traffic("--scaletest-prometheus-wait", "--scaletest-prometheus-wait", "1q"),
                // rates
                create("--rate", "--rate", "fast"),
                create("--rate", "--rate", "0/s"),
                create("--rate", "--rate", "-5/s"),
                // URLs and addresses
                create("--url", "--url", "ftp://coder.example.com"),
                create("--url", "--url", "not a url"),
                create("--url", "--url", "http://"),
                traffic("--workspace-proxy-url", "--workspace-proxy-url", "proxy"),
                traffic("--prometheus-push-url", "--prometheus-push-url", "pushgateway"),
                traffic("--prometheus-push-url", "--prometheus-push-url", "ftp://pushgateway:9091"),
                create("--connect-url", "--connect-url", "http://localhost:8080"),
                traffic("--scaletest-prometheus-address", "--scaletest-prometheus-address", "0.0.0.0:x"),
                traffic("--scaletest-prometheus-address", "--scaletest-prometheus-address", "0.0.0.0:70000"),
                traffic("--ssh-address", "--ssh", "--ssh-address", "host"),
                // paths
                create("--journal-dir", "--journal-dir", files.plainFile + "/sub"),
                create("--journal-dir", "--journal-dir", "/dev/full"),
                bad("--journal", "cleanup", "--journal", dir.resolve("no-such-journal").toString()),
                create("--tls-ca-file", "--tls-ca-file", dir.resolve("no-such-ca.pem").toString()),
                create("--tls-ca-file", "--tls-ca-file", files.notPem.toString()),
                traffic("--ssh-identity-file", "--ssh", "--ssh-address", "h:22", "--ssh-identity-file", dir.resolve("no-such-key").toString()),
                create("--rich-parameter-file", "--rich-parameter-file", dir.resolve("no-such-params.yaml").toString()),
                create("--rich-parameter-file", "--rich-parameter-file", files.badYaml.toString()),
                create("--rich-parameter-file", "--rich-parameter-file", dir.toString()),
                // headers
                create("--header", "--header", "NoEquals"),
                create("--header", "--header", "=value"),
                create("--header", "--header", "Bad Name=value"),
                create("--header", "--header", "Host=coder.internal"),
                create("--header-command", "--header-command", "exit 3"),
                create("--header-command", "--header-command", "echo not-a-header"),
                // thresholds, shards, parameters
                create("--threshold", "--threshold", "p95(build.run) < fast"),
                create("--threshold", "--threshold", "nonsense"),
                // --shard is not a flag of these commands (Shard exists in the harness, unwired): refused as unknown
                create("--shard", "--shard", "3/2"),
                create("--parameter", "--parameter", "noequals"),
                create("--parameter", "--parameter", "=x"),
                // output targets
                create("--output", "--output", "xml:" + dir.resolve("out.xml")),
                create("--output", "--output", "json:/proc/nonexistent/dir/out.json"),
                create("--output", "--output", "json:/dev/full"),
                create("--output", "--output", "json:" + dir),
                create("--output", "--output", "text:" + files.plainFile + "/out.txt"),
                // choices
                traffic("--ws-client", "--ws-client", "websocket"),
                create("--connect-mode", "--connect-mode", "p2p"),
                create("--progress", "--progress", "fancy"),
                traffic("--target-workspaces", "--target-workspaces", "1:1"),
                traffic("--target-workspaces", "--target-workspaces", "a:b"),
                traffic("--target-workspaces", "--target-workspaces", "5:2"));
    }

    private static Stream<Case> environmentCases() {
        return Stream.of(
                bad("CODER_SCALETEST_COUNT", "create-workspaces", "-t", "docker").env("CODER_SCALETEST_COUNT", "many"),
                bad("CODER_SCALETEST_TIMEOUT", "create-workspaces", "-t", "docker").env("CODER_SCALETEST_TIMEOUT", "ten"),
                create("CODER_URL").env("CODER_URL", "not-a-url"),
                create("CODER_URL").env("CODER_URL", "ftp://coder.example.com"),
                create("CODER_HEADER").env("CODER_HEADER", "NoEquals"),
                create("CODER_SCALETEST_RATE").env("CODER_SCALETEST_RATE", "fast"),
                create("CODER_SCALETEST_CONCURRENCY").env("CODER_SCALETEST_CONCURRENCY", "-1"),
                create("CODER_SCALETEST_OUTPUTS").env("CODER_SCALETEST_OUTPUTS", "xml:out.xml"),
                create("CODER_SCALETEST_THRESHOLDS").env("CODER_SCALETEST_THRESHOLDS", "bogus"),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK").env("CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK", "big"),
                create("CODER_SCALETEST_EMBEDDED").env("CODER_SCALETEST_EMBEDDED", "maybe"),
                create("SSL_CERT_FILE").env("SSL_CERT_FILE", dir.resolve("no-such-bundle.pem").toString()),
                create("CODER_HEADER_COMMAND").env("CODER_HEADER_COMMAND", "exit 1"),
                bad("CODER_SCALETEST_JOB_TIMEOUT", "create-workspaces", "-t", "docker").env("CODER_SCALETEST_JOB_TIMEOUT", "-1s"),
                create("CODER_SESSION_TOKEN").env("CODER_SESSION_TOKEN", null),
                create("CODER_URL").env("CODER_URL", null));
    }

    /** The commands that need no deployment: reading results, and the simulator's own flags. */
    private static Stream<Case> offlineCases(Fixtures files) {
        Path html = dir.resolve("rendered.html");
        return Stream.of(
                bad(dir.resolve("no-such-results.json") + ": no such results file", "report", "render", dir.resolve("no-such-results.json").toString(),
                        "--output", "html:" + html),
                bad("is not a scaletest JSON report", "report", "render", files.badYaml.toString(), "--output", "html:" + html),
                bad("--output", "report", "render", files.badYaml.toString(), "--output", "pdf:" + html),
                bad("is not a scaletest JSON report", "report", "merge", files.notPem.toString(), files.badYaml.toString(),
                        "--output", "json:" + dir.resolve("merged.json")),
                bad("--fault-5xx-rate", "simulator", "--listen", "127.0.0.1:0", "--fault-5xx-rate", "2"),
                bad("--build-time", "simulator", "--listen", "127.0.0.1:0", "--build-time", "fast"),
                bad("--listen", "simulator", "--listen", "nowhere"),
                bad("--provisioners", "simulator", "--listen", "127.0.0.1:0", "--provisioners", "-1"));
    }

    /** What 'coder login' left behind is read only when neither CODER_URL nor CODER_SESSION_TOKEN is set. */
    private static Stream<Case> loginCases(Fixtures files) {
        return Stream.of(
                        create(files.loginBadUrl.resolve(".config/coderv2/url").toString()).home(files.loginBadUrl),
                        create(files.loginSessionIsFolder.resolve(".config/coderv2/session").toString()).home(files.loginSessionIsFolder),
                        create("--global-config", "--global-config", files.plainFile.toString()),
                        create(files.loginHtmlUrl.resolve(".config/coderv2/url").toString()).home(files.loginHtmlUrl),
                        create("CODER_CONFIG_DIR").env("CODER_CONFIG_DIR", files.plainFile.toString()))
                .map(c -> c.env("CODER_URL", null).env("CODER_SESSION_TOKEN", null));
    }

    /** The line names the server's URL (checked for every server case) and says what is wrong with it. */
    private static Stream<Case> serverCases() {
        String notCoder = "this is not Coder's API, which answers in JSON: check that --url or CODER_URL";
        List<Case> cases = new ArrayList<>();
        for (Reply reply : List.of(Reply.HTML_LOGIN_PAGE, Reply.HTML_NOT_FOUND, Reply.PLAIN_TEXT, Reply.JSON_AS_OCTETS,
                Reply.REDIRECT_TO_LOGIN)) {
            cases.add(create(notCoder).server(reply));
        }
        cases.add(create("cannot reach Coder").server(Reply.CLOSE_AT_ONCE));
        cases.add(traffic(notCoder).server(Reply.HTML_LOGIN_PAGE));
        cases.add(traffic("cannot reach Coder").server(Reply.CLOSE_AT_ONCE));
        cases.add(bad(notCoder, "cleanup").server(Reply.HTML_LOGIN_PAGE));
        cases.add(bad(notCoder, "cleanup").server(Reply.JSON_AS_OCTETS));
        cases.add(bad("cannot reach Coder", "cleanup").server(Reply.CLOSE_AT_ONCE));
        cases.add(create("cannot reach Coder").server(Reply.NOT_LISTENING));
        return cases.stream();
    }

    /** Files the cases point at, made once. */
    record Fixtures(Path plainFile, Path notPem, Path badYaml, Path loginBadUrl, Path loginSessionIsFolder, Path loginHtmlUrl) {
        static Fixtures make() throws IOException {
            Path plain = Files.writeString(dir.resolve("plain-file"), "not a folder");
            Path notPem = Files.writeString(dir.resolve("ca.pem"), "this is not a certificate\n");
            Path badYaml = Files.writeString(dir.resolve("params.yaml"), "cpu: [1, 2\n  - : :\n");
            Path badUrl = login("login-bad-url", "not a url", "session-token-from-login");
            Path sessionFolder = login("login-session-folder", "https://coder.example.com", null);
            Files.createDirectories(sessionFolder.resolve(".config/coderv2/session"));
            Path htmlUrl = login("login-html-url", "<html><body>Sign in</body></html>", "session-token-from-login");
            return new Fixtures(plain, notPem, badYaml, badUrl, sessionFolder, htmlUrl);
        }

        private static Path login(String name, String url, String session) throws IOException {
            Path home = dir.resolve(name);
            Path config = Files.createDirectories(home.resolve(".config/coderv2"));
            Files.writeString(config.resolve("url"), url);
            if (session != null) {
                Files.writeString(config.resolve("session"), session);
            }
            return home;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsOneLineExitTwoAndCreatesNothing() throws IOException {
        Fixtures files = Fixtures.make();
        List<Case> cases = Stream.of(flagCases(files), environmentCases(), loginCases(files), serverCases(), offlineCases(files))
                .flatMap(s -> s).toList();
        assertTrue(cases.size() >= 60, "the matrix has " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static Set<Path> everything() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void check(Case c) throws IOException {
        Path journal = dir.resolve("journal-" + RUNS.incrementAndGet());
        try (MisbehavingServer server = new MisbehavingServer(c.reply())) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "CODER_URL", server.url().toString(),
                    "CODER_SESSION_TOKEN", "matrix-session-token",
                    "CODER_SCALETEST_JOURNAL_DIR", journal.toString()));
            c.env().forEach((name, value) -> {
                if (value == null) {
                    env.remove(name);
                } else {
                    env.put(name, value);
                }
            });
            Path home = c.home() != null ? c.home() : Files.createDirectories(dir.resolve("empty-home"));
            Set<Path> before = everything();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                CliEnvironment environment = new CliEnvironment(env, Clock.systemUTC(), home, false);
                CommandLine commandLine = new ScaletestCommand(new ProductionLauncher(outStream, errStream), environment).commandLine();
                commandLine.setOut(new PrintWriter(outStream, true));
                commandLine.setErr(new PrintWriter(errStream, true));
                // a case that the tool wrongly accepts could start a run or a simulator: fail it instead of hanging
                exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> commandLine.execute(c.args().toArray(String[]::new)));
            }
            String stdout = out.toString(StandardCharsets.UTF_8);
            String stderr = err.toString(StandardCharsets.UTF_8);
            String all = stdout + stderr;
            List<String> lines = stderr.lines().toList();

            assertEquals(2, exit, "exit status; stderr:\n" + stderr);
            assertEquals(1, lines.size(), "exactly one line on stderr:\n" + stderr);
            assertTrue(lines.getFirst().contains(c.names()), "the line names " + c.names() + ": " + lines.getFirst());
            if (c.reply() != Reply.NOTHING_EXPECTED) {
                assertTrue(lines.getFirst().contains(server.url().toString()), "the line names the server: " + lines.getFirst());
            }
            assertFalse(all.contains("at dev.") || all.contains("Exception"), "no stack trace or exception name:\n" + all);
            assertEquals("", stdout, "nothing on stdout");
            assertFalse(server.sawPost(), "nothing created on the server: " + server.requestLines());
            assertFalse(Files.exists(journal), "no journal folder at " + journal);
            assertEquals(before, everything(), "no file or folder created");
        }
    }
}
