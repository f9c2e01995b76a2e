package dev.scaletest.scenarios;

import dev.scaletest.coder.ParameterRule;
import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import dev.scaletest.coder.wire.GoQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Template parameter values given on the command line ({@code --parameter name=value}) and read from
 * {@code --rich-parameter-file}. Flags win over the file; template defaults fill the rest when the
 * values are resolved against the template's parameters, before anything is created.
 */
public record RichParameters(Map<String, String> fromFlags, Optional<Path> file, Map<String, String> fromFile) {

    public static final RichParameters NONE = new RichParameters(Map.of(), Optional.empty(), Map.of());

    public RichParameters {
        fromFlags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fromFlags, "fromFlags")));
        Objects.requireNonNull(file, "file");
        fromFile = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fromFile, "fromFile")));
    }

    /** File values overridden by flag values, in file order then new flag names. */
    public Map<String, String> merged() {
        Map<String, String> values = new LinkedHashMap<>(fromFile);
        values.putAll(fromFlags);
        return Collections.unmodifiableMap(values);
    }

    /**
     * The values every new workspace of the template gets, in the template's parameter order, as
     * Coder's tool resolves them for a create without prompting: each given name must be a
     * parameter of the template and not an ephemeral one (Coder's scaletest has no flag for those);
     * a parameter without a given value takes its default, except an ephemeral one, which is left
     * to coderd; a required parameter (one without a default) must be given. Every value must pass
     * the check coderd makes ({@link ParameterRule}).
     *
     * @throws ConfigException naming the parameter, the value and what is allowed
     */
    public List<WorkspaceBuildParameter> resolveFor(String templateName, List<TemplateVersionParameter> template) {
        Map<String, TemplateVersionParameter> byName = new LinkedHashMap<>();
        template.forEach(p -> byName.put(p.name(), p));
        Map<String, String> given = merged();
        for (String name : given.keySet()) {
            TemplateVersionParameter parameter = byName.get(name);
            if (parameter == null) {
                throw new ConfigException(source(name) + " " + GoQuery.quote(name) + ": template " + GoQuery.quote(templateName)
                        + " has no such parameter; " + names(template));
            }
            if (parameter.ephemeral()) {
                throw new ConfigException(source(name) + " " + GoQuery.quote(name) + ": the parameter is ephemeral, which Coder's"
                        + " scaletest does not set (it has no --ephemeral-parameter); leave it out and coderd uses its default");
            }
        }
        List<WorkspaceBuildParameter> values = new ArrayList<>();
        for (TemplateVersionParameter parameter : template) {
            String value = given.get(parameter.name());
            ParameterRule rule = new ParameterRule(parameter);
            if (value == null) {
                if (parameter.required()) {
                    throw new ConfigException("parameter " + GoQuery.quote(parameter.name()) + " of template "
                            + GoQuery.quote(templateName) + " is required and has no default"
                            + (parameter.ephemeral() ? ", and it is ephemeral, which scaletest cannot set"
                                    : ": pass --parameter " + parameter.name() + "=VALUE")
                            + " (allowed: " + rule.allowed() + ")");
                }
                if (parameter.ephemeral()) {
                    continue;
                }
                value = parameter.defaultValue() == null ? "" : parameter.defaultValue();
            }
            String checked = value;
            Optional<String> refusal = rule.refusal(checked);
            if (refusal.isPresent()) {
                String from = given.containsKey(parameter.name()) ? source(parameter.name()) : "the default of parameter";
                throw new ConfigException(from + " " + GoQuery.quote(parameter.name()) + ": value " + GoQuery.quote(checked)
                        + " is not allowed: " + refusal.get());
            }
            values.add(new WorkspaceBuildParameter(parameter.name(), checked));
        }
        return values;
    }

    /** Which input a given value came from, as the user typed it. */
    private String source(String name) {
        if (fromFlags.containsKey(name)) {
            return "--parameter";
        }
        return "--rich-parameter-file " + file.map(Path::toString).orElse("");
    }

    private static String names(List<TemplateVersionParameter> template) {
        if (template.isEmpty()) {
            return "the template has no parameters";
        }
        return "its parameters are " + template.stream().map(p -> GoQuery.quote(p.name())).collect(Collectors.joining(", "));
    }
}
