package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** What each trust setting hands the three TLS clients; the handshakes themselves are in CoderClientTlsTest and web's TlsTest. */
class TlsTrustTest {

    @Test
    void verifyingUsesTheJdkDefaultsAndChecksHostNames() throws Exception {
        assertSame(TlsTrust.VERIFY, TlsTrust.of(false));
        assertTrue(TlsTrust.VERIFY.checksHostName());
        assertTrue(TlsTrust.VERIFY.trustManager().isEmpty());
        assertSame(SSLContext.getDefault(), TlsTrust.VERIFY.sslContext());
    }

    @Test
    void acceptingAnyCertificateSkipsChainAndHostName() throws Exception {
        assertSame(TlsTrust.ACCEPT_ANY, TlsTrust.of(true));
        assertFalse(TlsTrust.ACCEPT_ANY.checksHostName());
        var trust = TlsTrust.ACCEPT_ANY.trustManager().orElseThrow();
        trust.checkServerTrusted(new X509Certificate[0], "EC");
        assertEquals(0, trust.getAcceptedIssuers().length);
        assertNotSame(SSLContext.getDefault(), TlsTrust.ACCEPT_ANY.sslContext());
    }

    @Test
    void theEndpointCarriesItsTrustToDerivedEndpoints() {
        CoderEndpoint insecure = new CoderEndpoint(URI.create("https://coder.example.com"), "t", List.of(), true);
        assertEquals(TlsTrust.ACCEPT_ANY, insecure.tlsTrust());
        assertTrue(insecure.insecureSkipVerify());
        assertEquals(TlsTrust.ACCEPT_ANY, insecure.withToken("u").withUrl(URI.create("https://proxy.example.com")).tlsTrust());
        assertEquals(new CoderEndpoint(URI.create("https://c"), "t", List.of(), TlsTrust.VERIFY),
                new CoderEndpoint(URI.create("https://c"), "t", List.of(), false));
    }
}
