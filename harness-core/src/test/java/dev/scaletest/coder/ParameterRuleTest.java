package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.TemplateVersionParameterOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterRuleTest {

    private static TemplateVersionParameter parameter(String type, String defaultValue, boolean required, List<String> options,
            String regex, String error, Integer min, Integer max, String monotonic) {
        return new TemplateVersionParameter("p", "", "", type, "", true, defaultValue, "",
                options.stream().map(v -> new TemplateVersionParameterOption(v.toUpperCase(), "", v, "")).toList(),
                error, regex, min, max, monotonic, required, false);
    }

    private static ParameterRule number(Integer min, Integer max, String error) {
        return new ParameterRule(parameter("number", "2", false, List.of(), "", error, min, max, ""));
    }

    private static ParameterRule string(String regex, String error) {
        return new ParameterRule(parameter("string", "", false, List.of(), regex, error, null, null, ""));
    }

    @Test
    void numbersAreCheckedAgainstMinAndMaxWithTheTemplatesErrorText() {
        ParameterRule cpu = number(1, 8, "Value must be between {min} and {max}, got {value}.");
        assertEquals(Optional.empty(), cpu.refusal("1"));
        assertEquals(Optional.empty(), cpu.refusal("8"));
        assertEquals(Optional.empty(), cpu.refusal("+4"));
        assertEquals(Optional.of("Value must be between 1 and 8, got 9. (allowed: a whole number from 1 to 8)"), cpu.refusal("9"));
        assertEquals(Optional.of("Value must be between 1 and 8, got 0. (allowed: a whole number from 1 to 8)"), cpu.refusal("0"));
        assertEquals(Optional.of("Value must be between 1 and 8, got 2.5. (allowed: a whole number from 1 to 8)"), cpu.refusal("2.5"));

        ParameterRule plain = number(1, 8, "");
        assertEquals(Optional.of("it is more than the maximum 8 (allowed: a whole number from 1 to 8)"), plain.refusal("12"));
        assertEquals(Optional.of("it is less than the minimum 1 (allowed: a whole number from 1 to 8)"), plain.refusal("-3"));
        assertEquals(Optional.of("it is not a whole number (allowed: a whole number from 1 to 8)"), plain.refusal("٣"),
                "only ASCII digits, as Go's Atoi");
        assertEquals(Optional.of("it is not a whole number (allowed: a whole number from 1 to 8)"), plain.refusal("99999999999999999999"));

        ParameterRule onlyMin = number(0, null, "");
        assertEquals(Optional.empty(), onlyMin.refusal("1000000"));
        assertEquals(Optional.of("it is less than the minimum 0 (allowed: a whole number of at least 0)"), onlyMin.refusal("-1"));
    }

    @Test
    void aNumberWithoutValidationIsNotCheckedAsCoderdDoesNotCheckIt() {
        assertEquals(Optional.empty(), number(null, null, "").refusal("lots"));
    }

    @Test
    void stringsMatchTheRegexAnywhereWithGoSyntax() {
        ParameterRule repo = string("^https://", "Repository URL must start with https://");
        assertEquals(Optional.empty(), repo.refusal("https://github.com/coder/coder"));
        assertEquals(Optional.of("Repository URL must start with https:// (value does not match \"^https://\")"),
                repo.refusal("git@github.com:coder/coder"));
        // Unanchored, as Go's MatchString.
        assertEquals(Optional.empty(), string("[0-9]", "needs a digit").refusal("abc1def"));
        // RE2 syntax: a named group in Go's (?P<name>) form compiles; a backreference does not exist in RE2.
        assertEquals(Optional.empty(), string("^(?P<user>[a-z]+)$", "lower-case").refusal("coder"));
        assertTrue(string("^(a)\\1$", "x").refusal("aa").orElseThrow().contains("does not compile"),
                "java.util.regex would accept a backreference coderd rejects");
        assertTrue(string("^a", "").refusal("a").orElseThrow().contains("an error must be specified with a regex validation"));
        assertEquals(Optional.empty(), string("", "").refusal("anything at all"));
    }

    @Test
    void optionsComeFirstAndAnEmptyValueMeansTheDefault() {
        ParameterRule region = new ParameterRule(parameter("string", "eu", false, List.of("us", "eu"), "", "", null, null, ""));
        assertEquals(Optional.empty(), region.refusal("us"));
        assertEquals(Optional.empty(), region.refusal(""), "the default eu");
        assertEquals(Optional.of("it is not one of the options (allowed: one of \"us\", \"eu\")"), region.refusal("mars"));

        ParameterRule required = new ParameterRule(parameter("string", "", true, List.of("us", "eu"), "", "", null, null, ""));
        assertEquals(Optional.of("a value is required (allowed: one of \"us\", \"eu\")"), required.refusal(""));
    }

    @Test
    void boolsAreTrueOrFalse() {
        ParameterRule flag = new ParameterRule(parameter("bool", "false", false, List.of(), "", "", null, null, ""));
        assertEquals(Optional.empty(), flag.refusal("true"));
        assertEquals(Optional.of("it must be true or false"), flag.refusal("yes"));
        assertEquals(Optional.of("it must be true or false"), flag.refusal("True"));
    }

    @Test
    void listsAreJsonListsOfStringsAndWithOptionsEachElementIsOne() {
        ParameterRule list = new ParameterRule(parameter("list(string)", "[]", false, List.of(), "", "", null, null, ""));
        assertEquals(Optional.empty(), list.refusal("[\"a\", \"b\"]"));
        assertEquals(Optional.empty(), list.refusal("null"), "Go decodes null into an empty list");
        assertEquals(Optional.of("it is not a JSON list of strings (allowed: a JSON list of strings, e.g. [\"a\",\"b\"])"),
                list.refusal("a,b"));
        assertTrue(list.refusal("[1, 2]").isPresent());
        assertTrue(list.refusal("[\"a\"] trailing").isPresent());

        ParameterRule groups = new ParameterRule(parameter("list(string)", "[\"dev\"]", false, List.of("dev", "ops"), "", "",
                null, null, ""));
        assertEquals(Optional.empty(), groups.refusal("[\"ops\",\"dev\"]"));
        assertEquals(Optional.of("\"qa\" is not an option (allowed: a JSON list of these options: \"dev\", \"ops\")"),
                groups.refusal("[\"dev\",\"qa\"]"));
    }

    @Test
    void monotonicOnlyConcernsUpdatesButABadKeywordIsATemplateFault() {
        assertEquals(Optional.empty(), new ParameterRule(parameter("number", "5", false, List.of(), "", "", 0, 10, "increasing"))
                .refusal("3"));
        assertTrue(new ParameterRule(parameter("number", "5", false, List.of(), "", "", 0, 10, "sideways")).refusal("3")
                .orElseThrow().contains("number monotonicity can be either \"increasing\" or \"decreasing\""));
        assertTrue(new ParameterRule(parameter("string", "", false, List.of(), "", "", 1, null, "")).refusal("x")
                .orElseThrow().contains("a min cannot be specified for a string type"));
    }
}
