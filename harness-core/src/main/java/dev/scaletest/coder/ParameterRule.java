package dev.scaletest.coder;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.TemplateVersionParameterOption;
import dev.scaletest.coder.wire.GoQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Whether coderd accepts a value for one rich parameter of a new workspace: the check codersdk's
 * {@code ValidateWorkspaceBuildParameter} makes when coderd builds a workspace. An empty value of an
 * optional parameter stands for its default; options come first (the value must be one of them);
 * otherwise the {@code validation} block applies only when the template has one (or the type is
 * {@code bool} or {@code list(string)}): min/max for numbers, {@code validation_regex} for strings
 * (Go's RE2 syntax, matched anywhere in the value as Go's {@code MatchString} does), {@code true} or
 * {@code false}, a JSON list of strings. A number without min, max or regex is not checked, as coderd
 * does not check it. {@code validation_monotonic} compares with the previous build's value, so it
 * only matters for updates; a new workspace has no previous build and only the keyword is checked.
 *
 * <p>A {@code list(string)} with options is accepted when every element is an option (what the
 * template's provider and coderd's dynamic-parameter path demand) or when the whole value is one
 * (what the classic path compares).
 */
public record ParameterRule(TemplateVersionParameter parameter) {

    private static final java.util.regex.Pattern GO_INT = java.util.regex.Pattern.compile("[+-]?[0-9]+");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{(min|max|value)\\}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Why coderd would refuse {@code value}, with what it allows; empty when it accepts it. */
    public Optional<String> refusal(String value) {
        if (value.isEmpty() && parameter.required()) {
            return Optional.of("a value is required (allowed: " + allowed() + ")");
        }
        String effective = value.isEmpty() ? nullToEmpty(parameter.defaultValue()) : value;
        if (!parameter.options().isEmpty()) {
            return optionRefusal(effective);
        }
        if (!validationEnabled()) {
            return Optional.empty();
        }
        return validationRefusal(effective);
    }

    /** What the parameter takes, in words, for error messages. */
    public String allowed() {
        if (!parameter.options().isEmpty()) {
            String values = optionValues().stream().map(GoQuery::quote).collect(Collectors.joining(", "));
            return TemplateVersionParameter.TYPE_LIST_STRING.equals(parameter.type())
                    ? "a JSON list of these options: " + values
                    : "one of " + values;
        }
        return switch (nullToEmpty(parameter.type())) {
            case TemplateVersionParameter.TYPE_NUMBER -> numberRange();
            case TemplateVersionParameter.TYPE_BOOL -> "true or false";
            case TemplateVersionParameter.TYPE_LIST_STRING -> "a JSON list of strings, e.g. [\"a\",\"b\"]";
            default -> isBlank(parameter.validationRegex()) ? "any text"
                    : "text matching " + GoQuery.quote(parameter.validationRegex());
        };
    }

    private Optional<String> optionRefusal(String value) {
        List<String> options = optionValues();
        if (options.contains(value)) {
            return Optional.empty();
        }
        if (TemplateVersionParameter.TYPE_LIST_STRING.equals(parameter.type())) {
            Optional<List<String>> items = stringList(value);
            if (items.isEmpty()) {
                return Optional.of("it is not a JSON list of strings (allowed: " + allowed() + ")");
            }
            List<String> missing = items.get().stream().filter(item -> !options.contains(item)).toList();
            return missing.isEmpty() ? Optional.empty()
                    : Optional.of(missing.stream().map(GoQuery::quote).collect(Collectors.joining(", "))
                            + (missing.size() == 1 ? " is not an option" : " are not options") + " (allowed: " + allowed() + ")");
        }
        return Optional.of("it is not one of the options (allowed: " + allowed() + ")");
    }

    private Optional<String> validationRefusal(String value) {
        String type = nullToEmpty(parameter.type());
        String regex = nullToEmpty(parameter.validationRegex());
        String monotonic = nullToEmpty(parameter.validationMonotonic());
        if (!type.equals(TemplateVersionParameter.TYPE_NUMBER)) {
            if (parameter.validationMin() != null) {
                return templateFault("a min cannot be specified for a " + type + " type");
            }
            if (parameter.validationMax() != null) {
                return templateFault("a max cannot be specified for a " + type + " type");
            }
            if (!monotonic.isEmpty()) {
                return templateFault("monotonic validation can only be specified for number types, not " + type + " types");
            }
        }
        if (!type.equals(TemplateVersionParameter.TYPE_STRING) && !regex.isEmpty()) {
            return templateFault("a regex cannot be specified for a " + type + " type");
        }
        return switch (type) {
            case TemplateVersionParameter.TYPE_BOOL -> value.equals("true") || value.equals("false") ? Optional.empty()
                    : Optional.of("it must be " + allowed());
            case TemplateVersionParameter.TYPE_STRING -> regexRefusal(regex, value);
            case TemplateVersionParameter.TYPE_NUMBER -> numberRefusal(value, monotonic);
            case TemplateVersionParameter.TYPE_LIST_STRING -> stringList(value).isPresent() ? Optional.empty()
                    : Optional.of("it is not a JSON list of strings (allowed: " + allowed() + ")");
            default -> Optional.empty();
        };
    }

    private Optional<String> regexRefusal(String regex, String value) {
        if (regex.isEmpty()) {
            return Optional.empty();
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return templateFault("its validation_regex " + GoQuery.quote(regex) + " does not compile: " + e.getDescription());
        }
        if (isBlank(parameter.validationError())) {
            return templateFault("an error must be specified with a regex validation");
        }
        if (pattern.matcher(value).find()) {
            return Optional.empty();
        }
        return Optional.of(parameter.validationError() + " (value does not match " + GoQuery.quote(regex) + ")");
    }

    private Optional<String> numberRefusal(String value, String monotonic) {
        Long number = null;
        if (GO_INT.matcher(value).matches()) {
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException outOfRange) {
                number = null;
            }
        }
        Integer min = parameter.validationMin();
        Integer max = parameter.validationMax();
        String reason = null;
        if (number == null) {
            reason = "it is not a whole number";
        } else if (min != null && number < min) {
            reason = "it is less than the minimum " + min;
        } else if (max != null && number > max) {
            reason = "it is more than the maximum " + max;
        }
        if (reason != null) {
            String rendered = renderedError(value);
            return Optional.of((rendered.isEmpty() ? reason : rendered) + " (allowed: " + allowed() + ")");
        }
        if (!monotonic.isEmpty() && !monotonic.equals("increasing") && !monotonic.equals("decreasing")) {
            return templateFault("number monotonicity can be either \"increasing\" or \"decreasing\"");
        }
        return Optional.empty();
    }

    /** The template's validation_error with {min}, {max} and {value} filled in, in one pass as Go's Replacer does. */
    private String renderedError(String value) {
        String error = nullToEmpty(parameter.validationError());
        Matcher m = PLACEHOLDER.matcher(error);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group(1)) {
                case "min" -> String.valueOf(parameter.validationMin() == null ? 0 : parameter.validationMin());
                case "max" -> String.valueOf(parameter.validationMax() == null ? 0 : parameter.validationMax());
                default -> value;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String numberRange() {
        Integer min = parameter.validationMin();
        Integer max = parameter.validationMax();
        if (min != null && max != null) {
            return "a whole number from " + min + " to " + max;
        }
        if (min != null) {
            return "a whole number of at least " + min;
        }
        if (max != null) {
            return "a whole number of at most " + max;
        }
        return "a whole number";
    }

    /** The template itself is wrong: coderd refuses every build of it the same way. */
    private static Optional<String> templateFault(String what) {
        return Optional.of("the template's validation is invalid (" + what + "), so coderd refuses every value; fix the template");
    }

    private boolean validationEnabled() {
        String type = nullToEmpty(parameter.type());
        return !isBlank(parameter.validationRegex())
                || parameter.validationMin() != null
                || parameter.validationMax() != null
                || !isBlank(parameter.validationMonotonic())
                || type.equals(TemplateVersionParameter.TYPE_BOOL)
                || type.equals(TemplateVersionParameter.TYPE_LIST_STRING);
    }

    private List<String> optionValues() {
        List<String> values = new ArrayList<>();
        for (TemplateVersionParameterOption option : parameter.options()) {
            values.add(nullToEmpty(option.value()));
        }
        return values;
    }

    /** Go's {@code json.Unmarshal} into {@code []string}: a JSON array of strings, or null. */
    private static Optional<List<String>> stringList(String value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isNull()) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return Optional.empty();
            }
            items.add(item.asText());
        }
        return Optional.of(items);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }
}
