package dev.scaletest.coder.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.errors.ErrorClass;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Transport failures the JDK client raises, which a loopback server cannot all provoke. */
class CoderErrorDecoderTest {
    private static final String TOKEN = "tok-8d5f2c1e-Secret-Session-Value";
    private static final String URL = "https://coder.nowhere.example/api/v2/users/me";

    private final CoderErrorDecoder decoder = new CoderErrorDecoder(CoderJson.newMapper(), TOKEN, false, Duration.ofMillis(1500));

    @Test
    void unknownHostIsAConnectFailureNamingTheHost() {
        var cause = new ConnectException();
        cause.initCause(new UnresolvedAddressException());
        CoderApiException e = decoder.transportFailure("GET", URL, cause);
        assertEquals("GET https://coder.nowhere.example/api/v2/users/me: no such host \"coder.nowhere.example\"", e.getMessage());
        assertEquals(ErrorClass.CONNECT, e.errorClass());
        assertEquals("no such host \"coder.nowhere.example\"", e.reason());
    }

    @Test
    void timeoutsAndTlsAreClassifiedAndTheTokenNeverShows() {
        CoderApiException slow = decoder.transportFailure("GET", URL, new HttpTimeoutException("request timed out"));
        assertEquals(ErrorClass.TIMEOUT, slow.errorClass());
        assertEquals("request timed out after 1500ms", slow.reason());

        IOException tls = new IOException("wrapped", new SSLHandshakeException("PKIX path building failed\n for " + TOKEN));
        CoderApiException refused = decoder.transportFailure("GET", URL, tls);
        assertEquals(ErrorClass.TLS, refused.errorClass());
        assertEquals("tls: PKIX path building failed for ****", refused.reason());
        assertFalse(refused.getMessage().contains(TOKEN));
    }

    @Test
    void redactionLeavesShortTokensAlone() {
        assertEquals("a **** b", decoder.redact("a " + TOKEN + " b"));
        assertTrue(new CoderErrorDecoder(CoderJson.newMapper(), "abc", false, Duration.ZERO).redact("abc").equals("abc"));
    }
}
