package dev.scaletest.simulator.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * coderd's check of a new workspace's rich parameter values against the template version's
 * parameters (wsbuilder with codersdk's ParameterResolver, classic parameter flow, no previous
 * build): a required parameter must be given; an absent or empty optional one takes its default;
 * the value must be one of the options, or else pass the validation block, with Go's messages.
 */
final class BuildParameterCheck {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final java.util.regex.Pattern GO_INT = java.util.regex.Pattern.compile("[+-]?[0-9]+");

    private BuildParameterCheck() {}

    /** Throws coderd's 400 for the first parameter (in template order) whose value it refuses. */
    static void check(List<CoderJson.TemplateVersionParameter> template, Map<String, String> given) {
        for (CoderJson.TemplateVersionParameter p : template) {
            String value = given.get(p.name());
            if (value == null && p.required()) {
                throw refused(p, "Parameter \"" + p.name() + "\" is required but not provided");
            }
            String problem = problem(p, value == null ? nullToEmpty(p.defaultValue()) : value);
            if (problem != null) {
                throw refused(p, "can't validate build parameter \"" + label(p) + "\": " + problem);
            }
        }
    }

    /** For a later build: the values it gives must pass; the others carry over from the last build. */
    static void checkGiven(List<CoderJson.TemplateVersionParameter> template, Map<String, String> given) {
        for (CoderJson.TemplateVersionParameter p : template) {
            String value = given.get(p.name());
            String problem = value == null ? null : problem(p, value);
            if (problem != null) {
                throw refused(p, "can't validate build parameter \"" + label(p) + "\": " + problem);
            }
        }
    }

    private static String label(CoderJson.TemplateVersionParameter p) {
        return p.displayName() == null || p.displayName().isEmpty() ? p.name() : p.displayName();
    }

    private static ApiException refused(CoderJson.TemplateVersionParameter p, String detail) {
        return new ApiException(400, "Unable to validate parameter \"" + p.name() + "\"", detail, null);
    }

    private static String problem(CoderJson.TemplateVersionParameter p, String given) {
        if (p.required() && given.isEmpty()) {
            return "parameter value is required";
        }
        String value = given.isEmpty() ? nullToEmpty(p.defaultValue()) : given;
        if (p.options() != null && !p.options().isEmpty()) {
            List<String> values = p.options().stream().map(CoderJson.TemplateVersionParameterOption::value).toList();
            return values.contains(value) ? null
                    : "parameter value must match one of options: [" + values.stream().collect(Collectors.joining(" ")) + "]";
        }
        String type = nullToEmpty(p.type());
        String regex = nullToEmpty(p.validationRegex());
        boolean enabled = !regex.isEmpty() || p.validationMin() != null || p.validationMax() != null
                || !nullToEmpty(p.validationMonotonic()).isEmpty() || type.equals("bool") || type.equals("list(string)");
        if (!enabled) {
            return null;
        }
        return switch (type) {
            case "bool" -> value.equals("true") || value.equals("false") ? null : "boolean value can be either \"true\" or \"false\"";
            case "string" -> regexProblem(p, regex, value);
            case "number" -> numberProblem(p, value);
            case "list(string)" -> isStringList(value) ? null : "value " + quote(value) + " is not valid list of strings";
            default -> null;
        };
    }

    private static String regexProblem(CoderJson.TemplateVersionParameter p, String regex, String value) {
        if (regex.isEmpty()) {
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return "compile regex " + quote(regex) + ": " + e.getDescription();
        }
        if (nullToEmpty(p.validationError()).isEmpty()) {
            return "an error must be specified with a regex validation";
        }
        return pattern.matcher(value).find() ? null
                : p.validationError() + " (value " + quote(value) + " does not match " + quote(regex) + ")";
    }

    private static String numberProblem(CoderJson.TemplateVersionParameter p, String value) {
        long number;
        try {
            if (!GO_INT.matcher(value).matches()) {
                throw new NumberFormatException();
            }
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return rendered(p, value, "value " + quote(value) + " is not a number");
        }
        if (p.validationMin() != null && number < p.validationMin()) {
            return rendered(p, value, "value " + number + " is less than the minimum " + p.validationMin());
        }
        if (p.validationMax() != null && number > p.validationMax()) {
            return rendered(p, value, "value " + number + " is more than the maximum " + p.validationMax());
        }
        return null;
    }

    /** The template's validation_error with {min}, {max} and {value} filled in, else Go's own message. */
    private static String rendered(CoderJson.TemplateVersionParameter p, String value, String fallback) {
        String error = nullToEmpty(p.validationError());
        if (error.isEmpty()) {
            return fallback;
        }
        return error.replace("{min}", String.valueOf(p.validationMin() == null ? 0 : p.validationMin()))
                .replace("{max}", String.valueOf(p.validationMax() == null ? 0 : p.validationMax()))
                .replace("{value}", value);
    }

    private static boolean isStringList(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || node.isMissingNode()) {
                return false;
            }
            if (node.isNull()) {
                return true;
            }
            if (!node.isArray()) {
                return false;
            }
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
