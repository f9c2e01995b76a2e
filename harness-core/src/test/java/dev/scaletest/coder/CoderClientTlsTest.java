package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.errors.ErrorClass;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A self-signed server whose certificate names another host: refused by default, accepted when insecure. */
class CoderClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static HttpsServer server;
    private static URI url;
    private static volatile String userAgent;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=coder.example.invalid", "-ext", "SAN=dns:coder.example.invalid", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + output);
        assertTrue(Files.size(keystore) > 0);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/v2/buildinfo", ex -> {
            userAgent = ex.getRequestHeaders().getFirst("User-Agent");
            byte[] body = "{\"version\":\"v2.20.0\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (var os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void selfSignedCertificateIsRejectedByDefault() {
        try (CoderHttpClients pool = CoderHttpClients.create(2, TlsTrust.VERIFY, CoderHttpClients.DEFAULT_CONNECT_TIMEOUT, "scaletest/test")) {
            CoderClient client = pool.clientFor(new CoderEndpoint(url, "t", List.of(), false)).retry(RetryPolicy.NONE).build();
            CoderApiException e = assertThrows(CoderApiException.class, client::buildInfo);
            assertEquals(ErrorClass.TLS, e.errorClass());
            assertTrue(e.getMessage().startsWith("GET " + url + "/api/v2/buildinfo: tls: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void insecureSkipVerifyAcceptsItDespiteTheHostName() throws Exception {
        try (CoderHttpClients pool = CoderHttpClients.create(2, TlsTrust.ACCEPT_ANY, CoderHttpClients.DEFAULT_CONNECT_TIMEOUT, "scaletest/test")) {
            CoderClient client = pool.clientFor(new CoderEndpoint(url, "t", List.of(), true)).retry(RetryPolicy.NONE).build();
            assertEquals("v2.20.0", client.buildInfo().version());
            assertEquals("scaletest/test", userAgent, "the pool's clients send the pool's user agent");
        }
        // the JVM-wide switch stays untouched, so verified clients keep checking host names
        assertEquals(null, System.getProperty(TlsTrust.DISABLE_HOSTNAME_VERIFICATION));
    }

    @Test
    void manyConcurrentCallsOverTlsAllComplete() throws Exception {
        // the pooled clients run their TLS and response steps on their own selector thread
        try (CoderHttpClients pool = CoderHttpClients.create(1, TlsTrust.ACCEPT_ANY, CoderHttpClients.DEFAULT_CONNECT_TIMEOUT, "scaletest/test");
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CoderClient client = pool.clientFor(new CoderEndpoint(url, "t", List.of(), true)).retry(RetryPolicy.NONE).build();
            List<Future<String>> versions = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                versions.add(callers.submit(() -> client.buildInfo().version()));
            }
            for (Future<String> version : versions) {
                assertEquals("v2.20.0", version.get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void poolHandsOutClientsRoundRobinAndChecksTlsMode() {
        try (CoderHttpClients pool = CoderHttpClients.create(3, TlsTrust.VERIFY, CoderHttpClients.DEFAULT_CONNECT_TIMEOUT, "scaletest/test")) {
            var a = pool.next();
            var b = pool.next();
            var c = pool.next();
            assertTrue(a != b && b != c && a != c);
            assertTrue(pool.next() == a);
            assertThrows(IllegalArgumentException.class, () -> pool.clientFor(new CoderEndpoint(url, "t", List.of(), true)));
            assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, a.version());
        }
        assertThrows(IllegalArgumentException.class,
                () -> CoderHttpClients.create(0, TlsTrust.VERIFY, CoderHttpClients.DEFAULT_CONNECT_TIMEOUT, "scaletest/test"));
    }
}
