package dev.scaletest.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates simulator JSON against Coder's swagger definitions (draft 4). Every object definition
 * is closed ({@code additionalProperties: false}) so a field the definition lacks fails too.
 */
final class SwaggerContract {
    private final ObjectNode definitions;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    SwaggerContract() {
        Path swagger = locate();
        try {
            JsonNode root = SimulatorClient.JSON.readTree(Files.readString(swagger));
            definitions = (ObjectNode) root.get("definitions").deepCopy();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + swagger, e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            JsonNode definition = it.next().getValue();
            if (definition.has("properties") && !definition.has("allOf") && !definition.has("additionalProperties")) {
                ((ObjectNode) definition).put("additionalProperties", false);
                // The validator's mailbox check refuses reserved domains such as .local, which coderd
                // accepts and scaletest uses (<rand>-<id>@scaletest.local); the email shape is checked apart.
                for (JsonNode property : definition.get("properties")) {
                    if ("email".equals(property.path("format").asText())) {
                        ((ObjectNode) property).remove("format");
                    }
                }
            }
        }
    }

    /** The vendored OpenAPI file, whose path the parent pom owns ({@code coder.api.spec}, see coder-api/README.md). */
    static Path locate() {
        String spec = System.getProperty("coder.api.spec");
        if (spec == null || spec.isBlank()) {
            throw new IllegalStateException("system property coder.api.spec is not set; run the tests through Maven (the parent pom sets it)");
        }
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("coder.api.spec names " + path + ", which is not a file");
        }
        return path;
    }

    /** Violations of {@code codersdk.<name>}; {@code "[]Name"} validates an array of it. */
    Set<ValidationMessage> violations(String name, JsonNode json) {
        JsonSchema schema = schemas.computeIfAbsent(name, this::compile);
        return schema.validate(json);
    }

    private JsonSchema compile(String name) {
        ObjectNode schema = SimulatorClient.JSON.createObjectNode();
        if (name.startsWith("[]")) {
            schema.put("type", "array");
            schema.putObject("items").put("$ref", "#/definitions/codersdk." + name.substring(2));
        } else {
            schema.put("$ref", "#/definitions/codersdk." + name);
        }
        if (!definitions.has("codersdk." + (name.startsWith("[]") ? name.substring(2) : name))) {
            throw new IllegalArgumentException("no swagger definition codersdk." + name);
        }
        schema.set("definitions", definitions);
        return factory.getSchema(schema, config);
    }
}
