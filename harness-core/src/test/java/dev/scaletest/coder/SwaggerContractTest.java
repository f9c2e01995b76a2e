package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.scaletest.coder.model.ApiDefinition;
import dev.scaletest.coder.model.CoderError;
import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.CreateTokenRequest;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.LoginRequest;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the API model against Coder's OpenAPI file: every record names a definition, every field
 * exists there with a compatible type, and every request body validates against its definition.
 */
class SwaggerContractTest {
    private static final ObjectMapper JSON = CoderJson.newMapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final String MODEL_PACKAGE = ApiDefinition.class.getPackageName();

    private static JsonNode definitions;

    @BeforeAll
    static void loadSwagger() throws IOException {
        Path swagger = findSwagger();
        definitions = JSON.readTree(swagger.toFile()).get("definitions");
        assertNotNull(definitions, "no definitions in " + swagger);
    }

    /** The vendored OpenAPI file, whose path the parent pom owns ({@code coder.api.spec}, see coder-api/README.md). */
    static Path findSwagger() {
        String spec = System.getProperty("coder.api.spec");
        if (spec == null || spec.isBlank()) {
            return fail("system property coder.api.spec is not set; run the tests through Maven (the parent pom sets it)");
        }
        Path path = Path.of(spec);
        return Files.isRegularFile(path) ? path : fail("coder.api.spec names " + path + ", which is not a file");
    }

    static List<Class<?>> modelRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApiDefinition.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(MODEL_PACKAGE.replace('.', '/'));
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                Class<?> c = Class.forName(MODEL_PACKAGE + "." + f.getFileName().toString().replace(".class", ""));
                if (c.isRecord()) {
                    records.add(c);
                }
            }
        }
        assertTrue(records.size() >= 25, "expected the model records, found " + records);
        return records;
    }

    private static JsonNode definition(String name) {
        JsonNode d = definitions.get(name);
        assertNotNull(d, "swagger has no definition " + name);
        return d;
    }

    @Test
    void everyRecordNamesAnExistingDefinition() throws Exception {
        for (Class<?> c : modelRecords()) {
            ApiDefinition def = c.getAnnotation(ApiDefinition.class);
            assertNotNull(def, c.getName() + " lacks @ApiDefinition");
            definition(def.value());
        }
    }

    @Test
    void everyFieldExistsInTheDefinitionWithACompatibleType() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : modelRecords()) {
            String defName = c.getAnnotation(ApiDefinition.class).value();
            JsonNode props = definition(defName).path("properties");
            JavaType type = JSON.constructType(c);
            List<BeanPropertyDefinition> jsonProps = JSON.getSerializationConfig().introspect(type).findProperties();
            Set<String> jsonNames = jsonProps.stream().map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> componentNames = Stream.of(c.getRecordComponents())
                    .map(rc -> SNAKE_CASE.translate(rc.getName()))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!jsonNames.equals(componentNames)) {
                problems.add(c.getSimpleName() + ": JSON properties " + jsonNames + " differ from record components " + componentNames);
            }
            for (BeanPropertyDefinition p : jsonProps) {
                JsonNode schema = props.get(p.getName());
                if (schema == null) {
                    problems.add(c.getSimpleName() + "." + p.getName() + " is not a property of " + defName);
                    continue;
                }
                String mismatch = compatible(p.getPrimaryType(), schema);
                if (mismatch != null) {
                    problems.add(c.getSimpleName() + "." + p.getName() + ": " + mismatch);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Null when the Java type can hold the swagger type, else why not. */
    private static String compatible(JavaType java, JsonNode schema) {
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            // swag writes a documented reference as {"description": ..., "allOf": [{"$ref": ...}]}
            return compatible(java, schema.get("allOf").get(0));
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().replace("#/definitions/", "");
            JsonNode target = definition(ref);
            if ("string".equals(target.path("type").asText())) {
                return java.getRawClass() == String.class ? null : "enum " + ref + " should be a String, is " + java;
            }
            if (ref.equals("uuid.NullUUID")) {
                return java.getRawClass() == UUID.class ? null : "nullable UUID should be a UUID, is " + java;
            }
            ApiDefinition def = java.getRawClass().getAnnotation(ApiDefinition.class);
            return def != null && def.value().equals(ref) ? null : "should map " + ref + ", is " + java;
        }
        String t = schema.path("type").asText();
        String format = schema.path("format").asText();
        Class<?> raw = java.getRawClass();
        return switch (t) {
            case "string" -> switch (format) {
                case "uuid" -> raw == UUID.class ? null : "uuid should be UUID, is " + java;
                case "date-time" -> raw == OffsetDateTime.class ? null : "date-time should be OffsetDateTime, is " + java;
                default -> raw == String.class ? null : "string should be String, is " + java;
            };
            case "integer" -> Set.of(int.class, long.class, Integer.class, Long.class).contains(raw) ? null : "integer, is " + java;
            case "number" -> Set.of(double.class, Double.class).contains(raw) ? null : "number, is " + java;
            case "boolean" -> raw == boolean.class || raw == Boolean.class ? null : "boolean, is " + java;
            case "array" -> List.class.isAssignableFrom(raw) ? compatible(java.getContentType(), schema.get("items")) : "array, is " + java;
            case "object" -> Map.class.isAssignableFrom(raw) ? null : "object, is " + java;
            default -> "unknown swagger type " + schema;
        };
    }

    private static Set<ValidationMessage> validate(String definition, JsonNode body) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/definitions/" + definition);
        schema.set("definitions", definitions);
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        return s.validate(body);
    }

    /**
     * Go encodes unset pointer fields ({@code *string}) as null; OpenAPI 2.0 cannot say
     * "nullable", so nulls are dropped before validating. The raw bodies keep them (asserted in
     * CoderClientRequestsTest).
     */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JSON.createArrayNode();
            a.forEach(n -> copy.add(withoutNulls(n)));
            return copy;
        }
        return node;
    }

    @Test
    void requestBodiesValidateAgainstTheirDefinitions() throws Exception {
        UUID org = UUID.randomUUID();
        List<Object> requests = List.of(
                CreateUserRequest.passwordUser("aB3dE5gH-7@scaletest.example.com", "scaletest-aB3dE5gH-7", "Zq8pL2mN4vX6cR1t", org),
                new LoginRequest("aB3dE5gH-7@scaletest.example.com", "Zq8pL2mN4vX6cR1t"),
                CreateWorkspaceRequest.forTemplate(UUID.randomUUID(), "scaletest-k9Jd7s2Q-7", List.of()),
                CreateWorkspaceRequest.forTemplate(UUID.randomUUID(), "scaletest-k9Jd7s2Q-8",
                        List.of(new WorkspaceBuildParameter("region", "eu-west"), new WorkspaceBuildParameter("cpu", "2"))),
                CreateWorkspaceBuildRequest.delete(),
                CreateWorkspaceBuildRequest.start(List.of(new WorkspaceBuildParameter("region", "eu-west"))),
                new WorkspaceBuildParameter("n", "v"),
                CreateTokenRequest.of(java.time.Duration.ofMinutes(15), "scaletest-20261122T041500Z-k3x9qa"),
                new CoderError("Validation failed.", "x", List.of(new CoderError.Validation("name", "taken"))));
        List<String> problems = new ArrayList<>();
        for (Object r : requests) {
            String def = r.getClass().getAnnotation(ApiDefinition.class).value();
            JsonNode body = JSON.valueToTree(r);
            Set<ValidationMessage> errors = validate(def, withoutNulls(body));
            errors.forEach(m -> problems.add(r.getClass().getSimpleName() + ": " + m.getMessage()));
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The validator's e-mail format accepts public top-level domains only, so the
     * {@code @scaletest.local} addresses scaletest generates (which coderd accepts) fail that one
     * check; everything else about those bodies must validate.
     */
    @Test
    void scaletestLocalAddressesOnlyTripTheTldCheck() {
        JsonNode body = JSON.valueToTree(CreateUserRequest.passwordUser("aB3dE5gH-7@scaletest.local", "scaletest-aB3dE5gH-7", "pw", UUID.randomUUID()));
        List<String> errors = validate("codersdk.CreateUserRequestWithOrgs", body).stream().map(ValidationMessage::getMessage).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().startsWith("$.email:"), errors.toString());
    }

    @Test
    void theValidatorRejectsWrongBodies() throws Exception {
        assertFalse(validate("codersdk.CreateWorkspaceBuildRequest", JSON.readTree("{\"transition\":\"explode\"}")).isEmpty());
        assertFalse(validate("codersdk.CreateWorkspaceRequest", JSON.readTree("{\"name\":\"x\",\"template_id\":42}")).isEmpty());
        assertFalse(validate("codersdk.LoginWithPasswordRequest", JSON.readTree("{\"email\":\"a@b.c\"}")).isEmpty());
    }
}
