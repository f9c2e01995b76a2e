package dev.scaletest.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.TemplateVersionParameterOption;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RichParametersTest {

    private static final TemplateVersionParameter REGION = new TemplateVersionParameter("region", "Region", "", "string", "radio",
            false, "", "", List.of(new TemplateVersionParameterOption("US", "", "us", ""),
                    new TemplateVersionParameterOption("EU", "", "eu", "")), "", "", null, null, "", true, false);
    private static final TemplateVersionParameter CPU = new TemplateVersionParameter("cpu", "CPU", "", "number", "input", true, "2",
            "", List.of(), "Value must be between {min} and {max}.", "", 1, 8, "", false, false);
    private static final TemplateVersionParameter WIPE = new TemplateVersionParameter("wipe", "", "", "bool", "switch", true,
            "false", "", List.of(), "", "", null, null, "", false, true);
    private static final List<TemplateVersionParameter> TEMPLATE = List.of(REGION, CPU, WIPE);

    private static RichParameters flags(Map<String, String> values) {
        return new RichParameters(values, Optional.empty(), Map.of());
    }

    private static String refusal(RichParameters given) {
        return assertThrows(ConfigException.class, () -> given.resolveFor("k8s", TEMPLATE)).getMessage();
    }

    @Test
    void defaultsFillTheRestInTemplateOrderAndEphemeralsAreLeftToCoderd() {
        assertEquals(List.of(new WorkspaceBuildParameter("region", "eu"), new WorkspaceBuildParameter("cpu", "2")),
                flags(Map.of("region", "eu")).resolveFor("k8s", TEMPLATE));
        assertEquals(List.of(new WorkspaceBuildParameter("region", "us"), new WorkspaceBuildParameter("cpu", "8")),
                new RichParameters(Map.of("cpu", "8"), Optional.of(Path.of("p.yaml")), Map.of("region", "us", "cpu", "3"))
                        .resolveFor("k8s", TEMPLATE));
    }

    @Test
    void eachRefusalNamesTheParameterTheValueAndWhatIsAllowed() {
        assertEquals("parameter \"region\" of template \"k8s\" is required and has no default: pass --parameter region=VALUE"
                + " (allowed: one of \"us\", \"eu\")", refusal(flags(Map.of())));
        assertEquals("--parameter \"region\": value \"mars\" is not allowed: it is not one of the options (allowed: one of \"us\", \"eu\")",
                refusal(flags(Map.of("region", "mars"))));
        assertEquals("--parameter \"cpu\": value \"12\" is not allowed: Value must be between 1 and 8."
                + " (allowed: a whole number from 1 to 8)", refusal(flags(Map.of("region", "us", "cpu", "12"))));
        assertEquals("--rich-parameter-file p.yaml \"cpu\": value \"0\" is not allowed: Value must be between 1 and 8."
                + " (allowed: a whole number from 1 to 8)",
                refusal(new RichParameters(Map.of("region", "us"), Optional.of(Path.of("p.yaml")), Map.of("cpu", "0"))));
        assertEquals("--parameter \"regoin\": template \"k8s\" has no such parameter; its parameters are \"region\", \"cpu\", \"wipe\"",
                refusal(flags(Map.of("regoin", "us"))));
        assertEquals("--parameter \"wipe\": the parameter is ephemeral, which Coder's scaletest does not set"
                + " (it has no --ephemeral-parameter); leave it out and coderd uses its default",
                refusal(flags(Map.of("region", "us", "wipe", "true"))));
        assertEquals("--parameter \"region\": value \"\" is not allowed: a value is required (allowed: one of \"us\", \"eu\")",
                refusal(flags(Map.of("region", ""))));
    }

    @Test
    void aTemplateWithoutParametersTakesNoValues() {
        assertEquals(List.of(), RichParameters.NONE.resolveFor("plain", List.of()));
        assertEquals("--parameter \"cpu\": template \"plain\" has no such parameter; the template has no parameters",
                assertThrows(ConfigException.class, () -> flags(Map.of("cpu", "2")).resolveFor("plain", List.of())).getMessage());
    }
}
