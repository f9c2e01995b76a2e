package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.CoderJson;
import java.util.List;

/**
 * The rich parameters of the simulated templates. The default template has one optional parameter,
 * so a run needs no {@code --parameter}; the second template, {@value #RICH_TEMPLATE_NAME}, has one
 * parameter of every kind coderd checks, for tests of parameter handling:
 *
 * <ul>
 *   <li>{@code region}: string, required (no default), options {@code us-east}, {@code eu-west}, {@code ap-south};
 *   <li>{@code cpu}: number, default {@code 2}, 1 to 8, validation_error "Value must be between {min} and {max}.";
 *   <li>{@code repo}: string, default {@code https://github.com/coder/coder}, validation_regex {@code ^https://[^\s]+$},
 *       validation_error "Repository URL must start with https://";
 *   <li>{@code dotfiles}: bool, default {@code false};
 *   <li>{@code groups}: list(string), default {@code ["dev"]};
 *   <li>{@code reset_home}: bool, ephemeral, default {@code false}.
 * </ul>
 */
public final class TemplateParameters {
    /** Name of the template whose parameters cover every check coderd makes. */
    public static final String RICH_TEMPLATE_NAME = "rich-parameters";

    private TemplateParameters() {}

    static List<CoderJson.TemplateVersionParameter> defaultTemplate() {
        return List.of(cpu());
    }

    static List<CoderJson.TemplateVersionParameter> richTemplate() {
        return List.of(
                new CoderJson.TemplateVersionParameter("region", "Region", "Where the workspace runs", "Where the workspace runs",
                        "string", "radio", false, "", "/emojis/1f30e.png",
                        List.of(option("US East", "us-east"), option("EU West", "eu-west"), option("Asia South", "ap-south")),
                        "", null, null, "", null, true, false),
                cpu(),
                new CoderJson.TemplateVersionParameter("repo", "Repository", "Repository to clone", "Repository to clone",
                        "string", "input", true, "https://github.com/coder/coder", "/icon/git.svg", List.of(),
                        "^https://[^\\s]+$", null, null, "Repository URL must start with https://", null, false, false),
                new CoderJson.TemplateVersionParameter("dotfiles", "Dotfiles", "Install dotfiles", "Install dotfiles",
                        "bool", "checkbox", true, "false", "", List.of(), "", null, null, "", null, false, false),
                new CoderJson.TemplateVersionParameter("groups", "Groups", "Unix groups of the user", "Unix groups of the user",
                        "list(string)", "tag-select", true, "[\"dev\"]", "", List.of(), "", null, null, "", null, false, false),
                new CoderJson.TemplateVersionParameter("reset_home", "Reset home", "Wipe the home volume on this build",
                        "Wipe the home volume on this build", "bool", "switch", true, "false", "", List.of(), "", null, null, "",
                        null, false, true));
    }

    private static CoderJson.TemplateVersionParameter cpu() {
        return new CoderJson.TemplateVersionParameter("cpu", "CPU", "The number of CPU cores", "The number of CPU cores",
                "number", "input", true, "2", "/icon/memory.svg", List.of(), "", 1, 8,
                "Value must be between {min} and {max}.", null, false, false);
    }

    private static CoderJson.TemplateVersionParameterOption option(String name, String value) {
        return new CoderJson.TemplateVersionParameterOption(name, "", value, "");
    }
}
