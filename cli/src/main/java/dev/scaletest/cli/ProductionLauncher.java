package dev.scaletest.cli;

import dev.scaletest.cli.embedded.EmbeddedDeployment;
import dev.scaletest.cli.embedded.SimulatorRun;
import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.harness.ExitCodes;
import dev.scaletest.reports.CoderResultsCodec;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ReportMerger;
import dev.scaletest.reports.output.ReportWriter;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.scenarios.cleanup.CleanupScenario;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesScenario;
import dev.scaletest.scenarios.run.DeploymentTarget;
import dev.scaletest.scenarios.run.RunOptions;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.scenarios.run.ScenarioOutcome;
import dev.scaletest.scenarios.run.ScenarioRunner;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher the packaged tool runs: each scenario command runs its scenario against the
 * deployment the flags name (or the built-in simulator for {@code --embedded}), shown on the
 * console, and its outcome becomes the exit status.
 */
public final class ProductionLauncher implements ScenarioLauncher {
    private final PrintStream out;
    private final PrintStream err;
    private final ReportWriter writer = new ReportWriter(new CoderResultsCodec());

    public ProductionLauncher() {
        this(System.out, System.err);
    }

    public ProductionLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int createWorkspaces(CreateWorkspacesConfig config, CommonOptions common) throws Exception {
        return ExitStatus.of(run(new CreateWorkspacesScenario(config), common, Optional.empty()));
    }

    @Override
    public int workspaceTraffic(WorkspaceTrafficConfig config, CommonOptions common) throws Exception {
        return ExitStatus.of(run(new WorkspaceTrafficScenario(config), common, Optional.of(config.embeddedWorkspaces())));
    }

    @Override
    public int cleanup(CleanupConfig config, CommonOptions common) throws Exception {
        return ExitStatus.of(run(new CleanupScenario(config), common, Optional.empty()));
    }

    /**
     * Runs {@code scenario} against the deployment {@code common} names. The options are checked
     * before a built-in simulator starts, so bad input starts nothing.
     *
     * @param precreate with {@code --embedded}: how many workspaces to create in the simulator first
     */
    private ScenarioOutcome run(Scenario scenario, CommonOptions common, Optional<Integer> precreate) throws Exception {
        RunOptions options = common.runOptions(ToolVersion.current());
        ScenarioRunner runner = new ScenarioRunner(new ConsoleObserver(out, err, common, writer), true);
        if (common.endpoint().isPresent()) {
            return runner.run(scenario, DeploymentTarget.remote(common.endpoint().get()), options);
        }
        try (EmbeddedDeployment embedded = EmbeddedDeployment.start(SimulatorSettings.embedded(), common.quiet(), err)) {
            return runner.run(scenario, embedded.target(precreate), options);
        }
    }

    @Override
    public int simulator(SimulatorSettings settings) throws Exception {
        return new SimulatorRun(settings, out, err).runUntilInterrupted();
    }

    @Override
    public int reportRender(ReportRenderConfig config) throws Exception {
        ScaletestReport report = read(new ReportJson(new CoderResultsCodec()), config.input());
        writer.write(report, List.of(config.output()), out);
        return ExitCodes.OK;
    }

    @Override
    public int reportMerge(ReportMergeConfig config) throws Exception {
        ReportJson json = new ReportJson(new CoderResultsCodec());
        List<ScaletestReport> inputs = new ArrayList<>();
        for (Path path : config.inputs()) {
            inputs.add(read(json, path));
        }
        ScaletestReport merged = new ReportMerger().merge(inputs);
        writer.write(merged, config.outputs(), out);
        return merged.verdict().exitCode();
    }

    private static ScaletestReport read(ReportJson json, Path path) {
        try {
            return json.read(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException("report " + path + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("report " + path + " is not a scaletest JSON report: " + e.getMessage());
        }
    }
}
