package dev.scaletest.cli;

import dev.scaletest.cli.progress.ProgressMode;
import dev.scaletest.coder.CoderEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalOptionsTest {

    @Test
    void globalFlagsWorkBeforeAndAfterTheSubcommand() {
        CliRun before = new CliRun().run("--url", "http://before:1", "--token", "t1", "-v", "create-workspaces", "-t", "x");
        CliRun after = new CliRun().run("create-workspaces", "-t", "x", "--url", "http://after:2", "--token", "t2", "--verbose");
        assertEquals(URI.create("http://before:1"), before.launcher.common.endpoint().orElseThrow().url());
        assertEquals("t1", before.launcher.common.endpoint().orElseThrow().sessionToken());
        assertTrue(before.launcher.common.verbose());
        assertEquals(URI.create("http://after:2"), after.launcher.common.endpoint().orElseThrow().url());
        assertEquals("t2", after.launcher.common.endpoint().orElseThrow().sessionToken());
        assertTrue(after.launcher.common.verbose());
    }

    @Test
    void endpointFromEnvironmentWithHeaders() {
        CliRun run = new CliRun().env("CODER_HEADER", "X-A=1,X-B=two").run("cleanup");
        CoderEndpoint endpoint = run.launcher.common.endpoint().orElseThrow();
        assertEquals(URI.create("https://coder.example.com"), endpoint.url());
        assertEquals("secret-token", endpoint.sessionToken());
        assertEquals(List.of(new CoderEndpoint.Header("X-A", "1"), new CoderEndpoint.Header("X-B", "two")), endpoint.headers());
        assertFalse(endpoint.insecureSkipVerify());
    }

    @Test
    void headerFlagsAreNotSplitOnCommasAndReplaceTheEnvironment() {
        CliRun run = new CliRun().env("CODER_HEADER", "X-Env=1").run("cleanup", "--header", "X-List=a,b", "--header", "X-Two=2");
        assertEquals(List.of(new CoderEndpoint.Header("X-List", "a,b"), new CoderEndpoint.Header("X-Two", "2")),
                run.launcher.common.endpoint().orElseThrow().headers());
    }

    @Test
    void headerFlagBeforeTheSubcommandIsNotSplitEither() {
        CliRun run = new CliRun().env("CODER_HEADER", "X-Env=1").run("--header", "X-List=a,b", "cleanup");
        assertEquals(List.of(new CoderEndpoint.Header("X-List", "a,b")), run.launcher.common.endpoint().orElseThrow().headers());
    }

    @Test
    void embeddedFromEnvironment() {
        CliRun run = new CliRun().env("CODER_SCALETEST_EMBEDDED", "true").run("create-workspaces", "-t", "x");
        assertTrue(run.launcher.common.embedded());
        assertEquals(Optional.empty(), run.launcher.common.endpoint());
    }

    @Test
    void badHeaderIsBadInput() {
        CliRun run = new CliRun().run("cleanup", "--header", "NoEquals");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: --header: split header \"NoEquals\" had less than two parts"), run.err);
    }

    @Test
    void urlAndTokenFallBackToCoderLogin(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("url"), "https://saved.example.com/\n");
        Files.writeString(config.resolve("session"), "saved-token\n");
        CliRun run = new CliRun().withoutEnv("CODER_URL").withoutEnv("CODER_SESSION_TOKEN").run("cleanup", "--global-config", config.toString());
        CoderEndpoint endpoint = run.launcher.common.endpoint().orElseThrow();
        assertEquals(URI.create("https://saved.example.com"), endpoint.url());
        assertEquals("saved-token", endpoint.sessionToken());
        CliRun fromEnv = new CliRun().withoutEnv("CODER_URL").withoutEnv("CODER_SESSION_TOKEN").env("CODER_CONFIG_DIR", config.toString()).run("cleanup");
        assertEquals("saved-token", fromEnv.launcher.common.endpoint().orElseThrow().sessionToken());
    }

    @Test
    void defaultConfigDirIsUnderHome(@TempDir Path home) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/coderv2"));
        Files.writeString(dir.resolve("url"), "https://home.example.com");
        Files.writeString(dir.resolve("session"), "home-token");
        CliRun run = new CliRun().withoutEnv("CODER_URL").withoutEnv("CODER_SESSION_TOKEN");
        run.home = home;
        run.run("cleanup");
        assertEquals(URI.create("https://home.example.com"), run.launcher.common.endpoint().orElseThrow().url());
    }

    @Test
    void missingUrlOrTokenSaysHowToFixIt(@TempDir Path empty) {
        CliRun noUrl = new CliRun().withoutEnv("CODER_URL").run("cleanup", "--global-config", empty.toString());
        assertEquals(2, noUrl.exit);
        assertEquals(List.of("scaletest: no Coder URL: pass --url or set CODER_URL (or log in with 'coder login'). Run 'scaletest cleanup --help' for usage."),
                noUrl.errLines());
        CliRun noToken = new CliRun().withoutEnv("CODER_SESSION_TOKEN").run("cleanup", "--global-config", empty.toString());
        assertEquals(2, noToken.exit);
        assertTrue(noToken.err.startsWith("scaletest: no session token: pass --token or set CODER_SESSION_TOKEN"), noToken.err);
    }

    @Test
    void embeddedNeedsNoEndpoint(@TempDir Path empty) {
        CliRun run = new CliRun().withoutEnv("CODER_URL").withoutEnv("CODER_SESSION_TOKEN")
                .run("workspace-traffic", "--embedded", "--global-config", empty.toString());
        assertEquals(0, run.exit, run.err);
        assertTrue(run.launcher.common.embedded());
        assertEquals(Optional.empty(), run.launcher.common.endpoint());
    }

    @Test
    void urlMustBeHttp() {
        CliRun run = new CliRun().run("cleanup", "--url", "ftp://x");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: --url must be an http:// or https:// URL"), run.err);
    }

    @Test
    void aTokenTypedOnTheCommandLineIsToldApartFromOneFromTheEnvironment() {
        for (String[] args : List.of(new String[] {"cleanup", "--token", "typed-token"}, new String[] {"--token=typed-token", "cleanup"})) {
            CliRun typed = new CliRun().withoutEnv("CODER_SESSION_TOKEN").run(args);
            assertEquals(0, typed.exit, typed.err);
            assertTrue(typed.launcher.common.tokenOnCommandLine());
            assertEquals("typed-token", typed.launcher.common.endpoint().orElseThrow().sessionToken());
            assertEquals("", typed.err, "the hint waits for the run (ConsoleObserver), so bad input stays one line");
        }
        assertFalse(new CliRun().run("cleanup").launcher.common.tokenOnCommandLine());
    }

    @Test
    void insecureSkipVerifyWarnsAndReachesTheEndpoint() {
        CliRun run = new CliRun().run("cleanup", "--insecure-skip-verify");
        assertTrue(run.launcher.common.endpoint().orElseThrow().insecureSkipVerify());
        assertTrue(run.err.startsWith("WARNING: --insecure-skip-verify"), run.err);
    }

    @Test
    void runIdAndJournalDir() {
        CliRun run = new CliRun().run("cleanup");
        String runId = run.launcher.common.runId();
        assertTrue(runId.matches("20261122-043000-[0-9a-f]{4}"), runId);
        assertEquals(Path.of("scaletest-runs", runId), run.launcher.common.journalDir());
        CliRun explicit = new CliRun().run("cleanup", "--journal-dir", "/tmp/j");
        assertEquals(Path.of("/tmp/j"), explicit.launcher.common.journalDir());
    }

    @Test
    void progressModes() {
        assertEquals(ProgressMode.AUTO, new CliRun().run("cleanup").launcher.common.progress());
        assertEquals(ProgressMode.JSON, new CliRun().run("cleanup", "--progress", "json").launcher.common.progress());
        assertEquals(ProgressMode.PLAIN, new CliRun().env("CODER_SCALETEST_PROGRESS", "plain").run("cleanup").launcher.common.progress());
        CliRun quiet = new CliRun().run("cleanup", "--quiet", "--progress", "json");
        assertEquals(ProgressMode.NONE, quiet.launcher.common.progress());
        assertTrue(quiet.launcher.common.quiet());
        CliRun bad = new CliRun().run("cleanup", "--progress", "fancy");
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("'fancy' is not a progress mode: use auto, plain, json or none"), bad.err);
    }

    @Test
    void thresholdsReachCommonOptions() {
        CliRun run = new CliRun().run("workspace-traffic", "--threshold", "echo_rtt p(95)<200ms", "--threshold", "errors rate<0.01",
                "--abort-on-threshold");
        assertEquals(List.of("echo_rtt p(95)<200ms", "errors rate<0.01"), run.launcher.common.thresholds());
        assertTrue(run.launcher.common.abortOnThreshold());
    }

    @Test
    void terminalDecisionReachesCommonOptions() {
        assertFalse(new CliRun().run("cleanup").launcher.common.stderrIsTerminal());
    }

    @Test
    void aFlagGivenTwiceKeepsTheLastValue() {
        CliRun run = new CliRun().run("cleanup", "--url", "http://first:1", "--url", "http://second:2");
        assertEquals(URI.create("http://second:2"), run.launcher.common.endpoint().orElseThrow().url());
    }

    @Test
    void tokenNeverPrinted() {
        CliRun run = new CliRun().run("cleanup", "-v");
        assertFalse(run.launcher.common.toString().contains("secret-token"));
        assertFalse(run.err.contains("secret-token"));
    }

    @Test
    void tracingFlagsAreAcceptedWithANote() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--trace", "--trace-coder", "--trace-honeycomb-api-key", "k", "--trace-propagate");
        assertEquals(0, run.exit);
        assertTrue(run.err.contains("note: tracing is not supported by scaletest"), run.err);
    }
}
