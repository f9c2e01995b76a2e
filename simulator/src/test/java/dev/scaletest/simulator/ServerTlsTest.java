package dev.scaletest.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator over HTTPS: its generated authority is what a client trusts, and PEM files serve as coderd's do. */
class ServerTlsTest {

    private static SSLContext trusting(X509Certificate authority) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", authority);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static int buildInfo(SSLContext tls, URI url) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            return client.send(HttpRequest.newBuilder(url.resolve("/api/v2/buildinfo")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    @Test
    void aClientTrustingTheGeneratedAuthorityGetsInOthersAreRefused() throws Exception {
        ServerTls tls = SelfSignedAuthority.issue(List.of("127.0.0.1", "localhost"));
        X509Certificate authority = tls.authority().orElseThrow();
        assertEquals(authority.getSubjectX500Principal(), tls.chain().getFirst().getIssuerX500Principal());
        assertTrue(authority.getBasicConstraints() >= 0, "the authority is a CA");
        assertEquals(-1, tls.chain().getFirst().getBasicConstraints(), "the server certificate is not");
        assertTrue(tls.authorityPem().orElseThrow().startsWith("-----BEGIN CERTIFICATE-----"));
        try (Simulator simulator = Simulator.start(Faults.none(), o -> o.withTls(tls), TerminalOptions.defaults(), SshOptions.defaults())) {
            assertEquals("https", simulator.url().getScheme());
            assertEquals(200, buildInfo(trusting(authority), simulator.url()));
            assertThrows(SSLHandshakeException.class, () -> buildInfo(SSLContext.getDefault(), simulator.url()));
        }
    }

    @Test
    void pemFilesServeAsCodersTlsFlagsDoAndAForeignKeyIsRefused(@TempDir Path dir) throws Exception {
        ServerTls generated = SelfSignedAuthority.issue(List.of("127.0.0.1"));
        Path cert = Files.writeString(dir.resolve("cert.pem"), ServerTls.pem(generated.chain().getFirst()));
        Path key = Files.writeString(dir.resolve("key.pem"), ServerTls.pem(generated.key()));
        ServerTls read = ServerTls.fromPemFiles(cert, key);
        assertEquals(generated.chain(), read.chain());
        assertEquals(Optional.empty(), read.authority());
        read.serverContext();

        Path otherKey = Files.writeString(dir.resolve("other.pem"), ServerTls.pem(SelfSignedAuthority.issue(List.of("x")).key()));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> ServerTls.fromPemFiles(cert, otherKey));
        assertEquals(otherKey + " is not the key of the certificate in " + cert, mismatch.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertEquals(empty + ": no PEM private key in it",
                assertThrows(IllegalArgumentException.class, () -> ServerTls.fromPemFiles(cert, empty)).getMessage());
    }
}
