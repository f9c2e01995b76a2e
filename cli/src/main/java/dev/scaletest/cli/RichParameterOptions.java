package dev.scaletest.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.RichParameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Coder's rich-parameter flag group: template parameter values. */
public final class RichParameterOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--parameter", descriptionKey = "CODER_RICH_PARAMETER", paramLabel = "NAME=VALUE",
            description = "Template parameter value (repeatable; comma-separated in the environment). Wins over --rich-parameter-file.")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--rich-parameter-file", descriptionKey = "CODER_RICH_PARAMETER_FILE", paramLabel = "FILE",
            description = "YAML file of template parameter values, one 'name: value' per line.")
    Path file;

    RichParameters toParameters() {
        Map<String, String> fromFlags = new LinkedHashMap<>();
        for (String entry : RepeatableValues.of(mixee, "--parameter", parameters)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new ConfigException("--parameter: format key=value expected, but got " + entry);
            }
            if (equals == 0) {
                throw new ConfigException("--parameter: a parameter name is needed before '=', got " + entry);
            }
            fromFlags.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        Optional<Path> fileValue = Optional.ofNullable(file);
        return new RichParameters(fromFlags, fileValue, fileValue.map(RichParameterOptions::readFile).orElse(Map.of()));
    }

    static Map<String, String> readFile(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (NoSuchFileException e) {
            throw new ConfigException("--rich-parameter-file " + path + ": no such file");
        } catch (JacksonException e) {
            throw new ConfigException("--rich-parameter-file " + path + ": not YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("--rich-parameter-file " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("--rich-parameter-file " + path + ": expected a map of 'name: value' lines");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw new ConfigException("--rich-parameter-file " + path + ": value of \"" + field.getKey()
                        + "\" must be a plain value, not a list or map");
            }
            values.put(field.getKey(), value.isNull() ? "" : value.asText());
        }
        return values;
    }
}
