package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.state.TemplateParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The second simulated template carries one parameter of each kind, and workspace creation checks them as coderd does. */
class RichParametersTest {
    private static final SwaggerContract SWAGGER = new SwaggerContract();
    private static SimulatorServer server;
    private static SimulatorClient admin;
    private static String org;
    private static String richTemplateId;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        admin = new SimulatorClient(server.url(), server.adminToken());
        org = admin.me().get("organization_ids").get(0).asText();
        JsonNode templates = expect(200, admin.get("/api/v2/organizations/" + org + "/templates"));
        assertEquals(2, templates.size());
        assertEquals("kubernetes", templates.get(0).get("name").asText(), "the default template stays first");
        assertEquals(TemplateParameters.RICH_TEMPLATE_NAME, templates.get(1).get("name").asText());
        richTemplateId = templates.get(1).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void richTemplateListsEveryKindOfParameterInSwaggersShape() {
        String tv = expect(200, admin.get("/api/v2/templates/" + richTemplateId)).get("active_version_id").asText();
        JsonNode params = expect(200, admin.get("/api/v2/templateversions/" + tv + "/rich-parameters"));
        assertEquals(List.of(), List.copyOf(SWAGGER.violations("[]TemplateVersionParameter", params)));
        List<String> names = new ArrayList<>();
        params.forEach(p -> names.add(p.get("name").asText() + ":" + p.get("type").asText()));
        assertEquals(List.of("region:string", "cpu:number", "repo:string", "dotfiles:bool", "groups:list(string)", "reset_home:bool"),
                names);
        assertTrue(params.get(0).get("required").asBoolean());
        assertEquals(3, params.get(0).get("options").size());
        assertTrue(params.get(5).get("ephemeral").asBoolean());
    }

    private static JsonNode create(String name, String parameters) {
        return SimulatorClient.json(admin.post("/api/v2/organizations/" + org + "/members/me/workspaces", """
                {"template_id":"%s","name":"%s","rich_parameter_values":[%s]}""".formatted(richTemplateId, name, parameters)));
    }

    private static void refused(String parameter, String detailPart, String parameters) {
        JsonNode body = create("refused", parameters);
        assertEquals("Unable to validate parameter \"" + parameter + "\"", body.path("message").asText(), body.toString());
        assertTrue(body.path("detail").asText().contains(detailPart), body.toString());
    }

    @Test
    void creationRefusesWhatCoderdRefuses() {
        refused("region", "Parameter \"region\" is required but not provided", "");
        refused("region", "parameter value must match one of options: [us-east eu-west ap-south]",
                "{\"name\":\"region\",\"value\":\"mars\"}");
        refused("cpu", "can't validate build parameter \"CPU\": Value must be between 1 and 8.",
                "{\"name\":\"region\",\"value\":\"us-east\"},{\"name\":\"cpu\",\"value\":\"9\"}");
        refused("repo", "Repository URL must start with https:// (value \"git@github.com:coder/coder\" does not match",
                "{\"name\":\"region\",\"value\":\"us-east\"},{\"name\":\"repo\",\"value\":\"git@github.com:coder/coder\"}");
        refused("dotfiles", "boolean value can be either \"true\" or \"false\"",
                "{\"name\":\"region\",\"value\":\"us-east\"},{\"name\":\"dotfiles\",\"value\":\"yes\"}");
        refused("groups", "is not valid list of strings",
                "{\"name\":\"region\",\"value\":\"us-east\"},{\"name\":\"groups\",\"value\":\"dev,ops\"}");
        assertEquals(0, server.deployment().counts().workspacesAlive());
    }

    @Test
    void creationWithValidValuesSucceedsAndTheDefaultTemplateNeedsNone() {
        JsonNode created = create("rich-ok", """
                {"name":"region","value":"eu-west"},{"name":"cpu","value":"4"},{"name":"groups","value":"[\\"dev\\",\\"ops\\"]"}""");
        assertEquals("rich-ok", created.path("name").asText(), created.toString());
        admin.createWorkspace("plain-ok");
    }
}
