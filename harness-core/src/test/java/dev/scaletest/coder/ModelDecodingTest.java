package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.ProvisionerJob;
import dev.scaletest.coder.model.ProvisionerJobLog;
import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelDecodingTest {
    private static final ObjectMapper JSON = CoderJson.newMapper();

    @Test
    void workspaceWithNestedBuildResourcesAgentsAndUnknownFields() throws Exception {
        String json = """
                {"id":"0b8f3e7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b","name":"scaletest-abc-1","owner_id":"11111111-1111-4111-8111-111111111111",
                 "owner_name":"scaletest-u-1","template_name":"docker","ttl_ms":null,"brand_new_field":{"x":[1,2]},
                 "created_at":"2025-03-04T05:06:07.123456789Z","updated_at":"0001-01-01T00:00:00Z",
                 "latest_build":{"id":"22222222-2222-4222-8222-222222222222","build_number":3,"transition":"start","status":"running",
                   "job":{"id":"33333333-3333-4333-8333-333333333333","status":"succeeded","error":"","started_at":"2025-03-04T05:06:08+02:00","completed_at":null},
                   "resources":[
                     {"id":"44444444-4444-4444-8444-444444444444","name":"volume","type":"docker_volume","agents":null},
                     {"id":"55555555-5555-4555-8555-555555555555","name":"main","type":"docker_container","agents":[
                        {"id":"66666666-6666-4666-8666-666666666666","name":"dev","status":"connected","lifecycle_state":"ready",
                         "apps":[{"slug":"echo","subdomain":true,"subdomain_name":"echo--dev--ws--u","sharing_level":"owner"}]},
                        {"id":"77777777-7777-4777-8777-777777777777","name":"second","status":"connecting"}]},
                     {"id":"88888888-8888-4888-8888-888888888888","name":"side","agents":[
                        {"id":"99999999-9999-4999-8999-999999999999","name":"side","status":"timeout","future_field":true}]}]}}
                """;
        Workspace w = JSON.readValue(json, Workspace.class);
        assertEquals("scaletest-abc-1", w.name());
        assertNull(w.ttlMs());
        assertEquals(OffsetDateTime.parse("2025-03-04T05:06:07.123456789Z"), w.createdAt());
        assertEquals(1, w.updatedAt().getYear());
        assertEquals(3, w.latestBuild().buildNumber());
        assertTrue(w.latestBuild().job().succeeded());
        assertEquals(2, w.latestBuild().job().startedAt().getOffset().getTotalSeconds() / 3600);
        assertEquals(List.of("dev", "second", "side"), w.latestBuild().agents().stream().map(WorkspaceAgent::name).toList());
        assertEquals("dev", w.latestBuild().firstAgent().orElseThrow().name());
        assertEquals("side", w.latestBuild().trafficAgent().orElseThrow().name());
        WorkspaceAgent dev = w.latestBuild().firstAgent().orElseThrow();
        assertTrue(dev.connected());
        assertEquals("echo--dev--ws--u", dev.app("echo").orElseThrow().subdomainName());
        assertTrue(dev.app("missing").isEmpty());
        assertEquals(UUID.fromString("66666666-6666-4666-8666-666666666666"), dev.id());
    }

    @Test
    void jobStatusesIncludingValuesFromNewerServers() throws Exception {
        for (String s : List.of("pending", "running", "canceling")) {
            assertTrue(JSON.readValue("{\"status\":\"" + s + "\"}", ProvisionerJob.class).active(), s);
        }
        for (String s : List.of("succeeded", "canceled", "failed", "unknown", "paused-by-newer-coderd")) {
            assertFalse(JSON.readValue("{\"status\":\"" + s + "\"}", ProvisionerJob.class).active(), s);
        }
        ProvisionerJob failed = JSON.readValue("{\"status\":\"failed\",\"error\":\"canceled\"}", ProvisionerJob.class);
        assertTrue(failed.failed());
        assertEquals("canceled", failed.errorText());
        assertEquals("", JSON.readValue("{\"status\":\"failed\"}", ProvisionerJob.class).errorText());
    }

    @Test
    void buildLogLineAndParameters() throws Exception {
        ProvisionerJobLog log = JSON.readValue("{\"id\":17,\"created_at\":\"2025-01-01T00:00:00Z\",\"log_source\":\"provisioner\","
                + "\"log_level\":\"info\",\"stage\":\"Planning infrastructure\",\"output\":\"Terraform 1.9\"}", ProvisionerJobLog.class);
        assertEquals(17, log.id());
        assertEquals("Planning infrastructure", log.stage());
        TemplateVersionParameter p = JSON.readValue("{\"name\":\"region\",\"type\":\"string\",\"required\":true,\"validation_min\":null,"
                + "\"options\":[{\"name\":\"EU\",\"value\":\"eu\"}]}", TemplateVersionParameter.class);
        assertTrue(p.required());
        assertNull(p.validationMin());
        assertEquals("eu", p.options().getFirst().value());
    }
}
