package dev.scaletest.cli.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.reports.Verdict;
import dev.scaletest.scenarios.RichParameters;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesScenario;
import dev.scaletest.scenarios.createworkspaces.ReadyWorkspace;
import dev.scaletest.scenarios.run.DeploymentTarget;
import dev.scaletest.scenarios.run.RunOptions;
import dev.scaletest.scenarios.run.ScenarioOutcome;
import dev.scaletest.scenarios.run.ScenarioRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The skeleton against the built-in simulator, driven without the command line. */
@Timeout(120)
class EmbeddedDeploymentTest {

    private static CreateWorkspacesConfig create(int count, boolean noCleanup) {
        StrategyConfig all = StrategyConfig.run(0, Duration.ofMinutes(1), Duration.ofMinutes(1), OptionalDouble.empty(), Duration.ZERO);
        return new CreateWorkspacesConfig(count, 0, "", noCleanup, false, Optional.empty(), "", false, RichParameters.NONE,
                all, StrategyConfig.cleanup(0, Duration.ofMinutes(1), Duration.ofMinutes(1))).validate(true);
    }

    private static RunOptions options(Path journal) {
        return new RunOptions("20261122-043000-abcd", Optional.empty(), journal, List.of(), false, List.of("scaletest", "create-workspaces"), "1.2.3");
    }

    @Test
    void theTargetIsTheSimulatorAndClosingSaysWhatIsLeft(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RecordingObserver observer = new RecordingObserver();
        ScenarioOutcome outcome;
        try (EmbeddedDeployment embedded = EmbeddedDeployment.start(SimulatorSettings.embedded(), false,
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            DeploymentTarget target = embedded.target(Optional.of(4));
            DeploymentTarget.DirectSsh ssh = target.directSsh().orElseThrow();
            assertTrue(ssh.knownHostsLine().startsWith("[" + ssh.host() + "]:" + ssh.port() + " "), ssh.toString());
            assertEquals(Optional.of("kubernetes"), target.defaultTemplate());
            assertEquals(new DeploymentTarget.Precreate("kubernetes", 4, "the built-in simulator"), target.precreate().orElseThrow());
            outcome = new ScenarioRunner(observer, false).run(new CreateWorkspacesScenario(create(3, false)), target, options(tmp));
        }
        assertEquals(new ScenarioOutcome(Verdict.PASS, 0, false), outcome);
        assertEquals(List.of("note: Running load test...", "note: ", "note: Cleaning up..."), observer.lines);
        assertEquals(List.of("create-workspaces", "create-workspaces 3/3", "cleanup", "cleanup 3/3"), observer.phases);
        assertEquals("1.2.3", observer.reports.getFirst().metadata().toolVersion());
        String lines = err.toString(StandardCharsets.UTF_8);
        assertTrue(lines.startsWith("Built-in simulator at http://127.0.0.1:"), lines);
        assertTrue(lines.endsWith("Built-in simulator at exit: 0 scaletest users, 0 workspaces\n"), lines);
    }

    /** coder/coder#5549: a report that cannot be written fails the run only after its cleanup ran. */
    @Test
    void aReportThatCannotBeWrittenDoesNotSkipTheCleanup(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RecordingObserver observer = new RecordingObserver();
        observer.deliveryFailure = new IOException("No space left on device");
        IOException thrown;
        try (EmbeddedDeployment embedded = EmbeddedDeployment.start(SimulatorSettings.embedded(), false,
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            DeploymentTarget target = embedded.target(Optional.empty());
            thrown = assertThrows(IOException.class, () -> new ScenarioRunner(observer, false)
                    .run(new CreateWorkspacesScenario(create(2, false)), target, options(tmp)));
            assertEquals(0, embedded.leftovers().scaletestUsers());
            assertEquals(0, embedded.leftovers().workspacesAlive());
        }
        assertEquals("No space left on device", thrown.getMessage());
        assertEquals(List.of("create-workspaces", "create-workspaces 2/2", "cleanup", "cleanup 2/2"), observer.phases);
        assertEquals(1, observer.reports.size());
    }

    /** What a run that goes on to traffic starts from: the workspaces that came up, each with its owner's token. */
    @Test
    void theCreateScenarioHandsOverTheWorkspacesThatCameUp(@TempDir Path tmp) throws Exception {
        CreateWorkspacesScenario scenario = new CreateWorkspacesScenario(create(2, true));
        try (EmbeddedDeployment embedded = EmbeddedDeployment.start(SimulatorSettings.embedded(), true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                HttpClient http = HttpClient.newHttpClient()) {
            DeploymentTarget target = embedded.target(Optional.empty());
            new ScenarioRunner(new RecordingObserver(), false).run(scenario, target, options(tmp));
            List<ReadyWorkspace> ready = scenario.readyWorkspaces();
            assertEquals(2, ready.size());
            for (ReadyWorkspace workspace : ready) {
                CoderClient owner = CoderClient.builder(target.endpoint().withToken(workspace.ownerToken()), http).build();
                assertEquals(workspace.workspace().ownerName(), owner.me().username());
                assertTrue(owner.workspace(workspace.workspace().id()).latestBuild().agents().stream().allMatch(a -> a.connected()));
            }
        }
    }
}
