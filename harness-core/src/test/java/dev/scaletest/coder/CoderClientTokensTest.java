package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.ScriptedCoder.Seen;
import dev.scaletest.coder.model.CreateTokenRequest;
import dev.scaletest.coder.model.GenerateApiKeyResponse;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Minting and deleting API tokens: coderd's routes, bodies and success statuses (201, 204). */
class CoderClientTokensTest {
    private static final String KEY = "abcdefghij-ZYXWVUTSRQPONMLKJIHGFEDC";

    private ScriptedCoder coder;
    private CoderClient owner;
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        owner = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .bypassRateLimit(true).retry(RetryPolicy.NONE).requestLog(logLines::add).build();
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    @Test
    void createTokenPostsLifetimeInNanosecondsAndTheNameAndExpects201() throws Exception {
        coder.on("POST", "/api/v2/users/scaletest-u1/keys/tokens", Reply.json(201, "{\"key\":\"" + KEY + "\"}"));
        GenerateApiKeyResponse minted = owner.createToken("scaletest-u1",
                CreateTokenRequest.of(Duration.ofMinutes(15), "scaletest-20261122T041500Z-k3x9qa"));
        assertEquals(KEY, minted.key());
        assertEquals("abcdefghij", minted.keyId());
        assertFalse(minted.toString().contains("ZYXWV"), minted.toString());
        Seen s = coder.requests().getFirst();
        assertEquals("{\"lifetime\":900000000000,\"token_name\":\"scaletest-20261122T041500Z-k3x9qa\"}", s.body());
        assertEquals("application/json", s.header("Content-Type"));
        for (String line : logLines) {
            assertFalse(line.contains("ZYXWV"), line);
        }
    }

    @Test
    void deleteApiKeyExpects204AndReportsCodersErrors() throws Exception {
        coder.on("DELETE", "/api/v2/users/scaletest-u1/keys/abcdefghij", Reply.json(204, ""),
                Reply.json(404, "{\"message\":\"Resource not found or you do not have access to this resource\"}"));
        owner.deleteApiKey("scaletest-u1", "abcdefghij");
        CoderApiException gone = assertThrows(CoderApiException.class, () -> owner.deleteApiKey("scaletest-u1", "abcdefghij"));
        assertEquals(404, gone.status());
        assertEquals(2, coder.requests("DELETE", "/api/v2/users/scaletest-u1/keys/abcdefghij").size());
    }
}
