package dev.scaletest.simulator.state;

import java.util.Arrays;
import java.util.List;

/** The log lines a simulated Terraform provisioner writes for one build, stage by stage, in order. */
final class BuildTimeline {
    record Step(String source, String level, String stage, String output) {
    }

    private BuildTimeline() {
    }

    static List<Step> steps(String transition, String workspaceName, String workerName) {
        String applyStage = switch (transition) {
            case "stop" -> "Stopping workspace";
            case "delete" -> "Destroying workspace";
            default -> "Starting workspace";
        };
        List<Step> setup = List.of(
                new Step("provisioner_daemon", "info", "Setting up", "Acquired job on provisioner daemon " + workerName),
                new Step("provisioner", "info", "Parsing template parameters", "Using 1 template parameter"),
                new Step("provisioner", "info", "Detecting persistent resources", "Terraform 1.9.8"),
                new Step("provisioner", "info", "Planning infrastructure", "Terraform 1.9.8"));
        List<Step> apply = switch (transition) {
            case "start" -> List.of(
                    new Step("provisioner", "info", "Planning infrastructure", "Plan: 2 to add, 0 to change, 0 to destroy."),
                    new Step("provisioner", "info", applyStage, "coder_agent.main: Creating..."),
                    new Step("provisioner", "info", applyStage, "kubernetes_deployment.main[0]: Creating..."),
                    new Step("provisioner", "info", applyStage, "kubernetes_deployment.main[0]: Creation complete after 2s [id=coder-" + workspaceName + "]"),
                    new Step("provisioner", "info", applyStage, "Apply complete! Resources: 2 added, 0 changed, 0 destroyed."));
            default -> List.of(
                    new Step("provisioner", "info", "Planning infrastructure", "Plan: 0 to add, 0 to change, 2 to destroy."),
                    new Step("provisioner", "info", applyStage, "kubernetes_deployment.main[0]: Destroying... [id=coder-" + workspaceName + "]"),
                    new Step("provisioner", "info", applyStage, "kubernetes_deployment.main[0]: Destruction complete after 1s"),
                    new Step("provisioner", "info", applyStage, "Apply complete! Resources: 0 added, 0 changed, 2 destroyed."));
        };
        List<Step> cleanup = List.of(new Step("provisioner_daemon", "info", "Cleaning Up", ""));
        return concat(setup, apply, cleanup);
    }

    static Step failure(String transition) {
        String stage = switch (transition) {
            case "stop" -> "Stopping workspace";
            case "delete" -> "Destroying workspace";
            default -> "Starting workspace";
        };
        return new Step("provisioner", "error", stage, "Error: " + FAILURE_ERROR);
    }

    static final String FAILURE_ERROR = "simulated provisioner failure: terraform apply: exit status 1";

    @SafeVarargs
    private static List<Step> concat(List<Step>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
