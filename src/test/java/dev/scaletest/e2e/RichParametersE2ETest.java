package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.state.DeploymentCounts;
import dev.scaletest.simulator.state.TemplateParameters;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Template parameters are resolved and checked before the first user is created, against the
 * simulator's second template (one parameter of each kind coderd checks); cleanup checks its
 * --template before it deletes anything.
 */
@Timeout(60)
class RichParametersE2ETest {
    private static final String RICH = TemplateParameters.RICH_TEMPLATE_NAME;
    private static Simulator simulator;

    @TempDir
    Path tmp;
    private int runs;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = Simulator.start(Faults.none(),
                o -> o.withBuildTime(Distribution.fixed(Duration.ZERO)).withAgentConnectTime(Distribution.fixed(Duration.ZERO)),
                TerminalOptions.defaults(), SshOptions.defaults());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Outcome scaletest(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), tmp.resolve("home"), false);
        CommandLine commandLine = new ScaletestCommand(new ProductionLauncher(o, e), env).commandLine();
        commandLine.setOut(new PrintWriter(o, true));
        commandLine.setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", simulator.url().toString(), "--token", simulator.adminToken(), "--progress", "none",
                "--journal-dir", tmp.resolve("journal-" + runs++).toString()));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static DeploymentCounts counts() {
        return simulator.api().deployment().counts();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(List.<String>of(), "parameter \"region\" of template \"rich-parameters\" is required and has no default:"
                        + " pass --parameter region=VALUE (allowed: one of \"us-east\", \"eu-west\", \"ap-south\")"),
                Arguments.of(List.of("--parameter", "region=mars"), "--parameter \"region\": value \"mars\" is not allowed:"
                        + " it is not one of the options (allowed: one of \"us-east\", \"eu-west\", \"ap-south\")"),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "cpu=12"), "--parameter \"cpu\": value \"12\""
                        + " is not allowed: Value must be between 1 and 8. (allowed: a whole number from 1 to 8)"),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "repo=git@github.com:coder/coder"),
                        "--parameter \"repo\": value \"git@github.com:coder/coder\" is not allowed: Repository URL must start with"
                                + " https:// (value does not match \"^https://[^\\\\s]+$\")"),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "dotfiles=yes"),
                        "--parameter \"dotfiles\": value \"yes\" is not allowed: it must be true or false"),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "groups=dev,ops"),
                        "--parameter \"groups\": value \"dev,ops\" is not allowed: it is not a JSON list of strings"),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "regoin=eu-west"),
                        "--parameter \"regoin\": template \"rich-parameters\" has no such parameter; its parameters are \"region\","),
                Arguments.of(List.of("--parameter", "region=us-east", "--parameter", "reset_home=true"),
                        "--parameter \"reset_home\": the parameter is ephemeral"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aValueCoderdWouldRefuseIsBadInputAndNothingIsCreated(List<String> parameters, String expected) {
        List<String> args = new ArrayList<>(List.of("create-workspaces", "--template", RICH, "--count", "3", "--concurrency", "0"));
        args.addAll(parameters);
        DeploymentCounts before = counts();
        Outcome r = scaletest(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().getFirst().startsWith("scaletest: " + expected), r.err());
        assertEquals(before.scaletestUsers(), counts().scaletestUsers(), "no user created");
        assertEquals(before.workspacesAlive(), counts().workspacesAlive(), "no workspace created");
    }

    @Test
    void valuesFromTheFileAndFlagsWithDefaultsForTheRestBuildEveryWorkspace() throws Exception {
        Path file = tmp.resolve("params.yaml");
        Files.writeString(file, "region: ap-south\ncpu: 12\ngroups: '[\"dev\", \"ops\"]'\n");
        Path json = tmp.resolve("out.json");
        DeploymentCounts before = counts();
        Outcome r = scaletest("create-workspaces", "--template", RICH, "--count", "3", "--concurrency", "0",
                "--rich-parameter-file", file.toString(), "--parameter", "cpu=4", "--output", "json:" + json);
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, report.get("total_pass").asInt(), r.err());
        assertEquals(before.workspacesAlive(), counts().workspacesAlive(), "cleaned up");
        assertEquals(before.scaletestUsers(), counts().scaletestUsers(), "cleaned up");
    }

    @Test
    void cleanupRefusesAnUnknownTemplateBeforeDeletingAnythingAndTakesATemplateId() throws Exception {
        DeploymentCounts before = counts();
        Outcome created = scaletest("create-workspaces", "--template", simulator.templateName(), "--count", "2",
                "--concurrency", "0", "--no-cleanup");
        assertEquals(0, created.code(), created.err());
        DeploymentCounts leftover = counts();
        assertEquals(before.scaletestUsers() + 2, leftover.scaletestUsers());

        Outcome unknown = scaletest("cleanup", "--template", "no-such-template", "--cleanup-concurrency", "0");
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals(List.of("scaletest: --template: could not find template \"no-such-template\" in any organization."
                + " Run 'scaletest cleanup --help' for usage."), unknown.errLines());
        assertEquals("", unknown.out(), "not even fetching");
        assertEquals(leftover.scaletestUsers(), counts().scaletestUsers(), "users untouched");
        assertEquals(leftover.workspacesAlive(), counts().workspacesAlive(), "workspaces untouched");

        String id = templateId(simulator.templateName());
        Outcome byId = scaletest("cleanup", "--template", id, "--cleanup-concurrency", "0");
        assertEquals(0, byId.code(), byId.err());
        assertTrue(byId.err().contains("Found 2 scaletest workspaces"), byId.err());
        assertEquals(before.workspacesAlive(), counts().workspacesAlive());
        assertEquals(before.scaletestUsers(), counts().scaletestUsers());
    }

    private static String templateId(String name) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(simulator.url().resolve("/api/v2/organizations/default/templates"))
                .header("Coder-Session-Token", simulator.adminToken()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        for (JsonNode t : new ObjectMapper().readTree(response.body())) {
            if (t.get("name").asText().equals(name)) {
                return t.get("id").asText();
            }
        }
        throw new AssertionError("no template " + name + ": " + response.body());
    }
}
