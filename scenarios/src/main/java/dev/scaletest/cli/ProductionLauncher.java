package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.reports.CoderResultsCodec;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ReportMerger;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.html.HtmlReport;
import dev.scaletest.reports.html.HtmlRerender;
import dev.scaletest.scenarios.cleanup.CleanupScenario;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesScenario;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** The launcher the packaged tool runs: each command goes to its scenario. */
public final class ProductionLauncher implements ScenarioLauncher {
    private final PrintStream out;
    private final PrintStream err;

    public ProductionLauncher() {
        this(System.out, System.err);
    }

    public ProductionLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int createWorkspaces(dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig config, CommonOptions common) throws Exception {
        return new CreateWorkspacesScenario(config, common, out, err).run();
    }

    @Override
    public int workspaceTraffic(dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig config, CommonOptions common) throws Exception {
        return new WorkspaceTrafficScenario(config, common, out, err).run();
    }

    @Override
    public int cleanup(dev.scaletest.scenarios.cleanup.CleanupConfig config, CommonOptions common) throws Exception {
        return new CleanupScenario(config, common, out, err).run();
    }

    @Override
    public int simulator(SimulatorSettings settings) throws Exception {
        return new SimulatorRun(settings, out, err).runUntilInterrupted();
    }

    @Override
    public int reportRender(ReportRenderConfig config) throws Exception {
        ReportJson json = new ReportJson(new CoderResultsCodec());
        ScaletestReport report = read(json, config.input());
        writeReport(json, report, List.of(config.output()));
        return ExitCodes.OK;
    }

    @Override
    public int reportMerge(ReportMergeConfig config) throws Exception {
        ReportJson json = new ReportJson(new CoderResultsCodec());
        List<ScaletestReport> inputs = new ArrayList<>();
        for (var path : config.inputs()) {
            inputs.add(read(json, path));
        }
        ScaletestReport merged = new ReportMerger().merge(inputs);
        writeReport(json, merged, config.outputs());
        return merged.verdict().exitCode();
    }

    private static ScaletestReport read(ReportJson json, java.nio.file.Path path) {
        try {
            return json.read(path);
        } catch (NoSuchFileException e) {
            throw new dev.scaletest.scenarios.ConfigException("report " + path + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new dev.scaletest.scenarios.ConfigException("report " + path + " is not a scaletest JSON report: " + e.getMessage());
        }
    }

    private void writeReport(ReportJson json, ScaletestReport report, List<OutputTarget> outputs) throws IOException {
        for (OutputTarget target : outputs) {
            String text = switch (target.format()) {
                case TEXT -> new CoderResultsCodec().text(report.results());
                case JSON -> json.toJson(report);
                case HTML -> new HtmlReport().render(report);
            };
            if (target.toStdout()) {
                out.print(text);
                out.flush();
            } else {
                Files.writeString(target.path().orElseThrow(), text, StandardCharsets.UTF_8);
            }
        }
    }
}
