package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go's rules for SSL_CERT_FILE and SSL_CERT_DIR, on real authorities taken from the JDK's own trust store. */
class CaBundleTest {
    private static List<X509Certificate> jdkRoots;

    @TempDir
    Path dir;

    @BeforeAll
    static void jdkRoots() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        jdkRoots = List.of(((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers());
        assertTrue(jdkRoots.size() > 3, "the JDK ships roots");
    }

    private Path pem(String name, X509Certificate... certificates) throws Exception {
        StringBuilder text = new StringBuilder("# a comment, as in Debian's ca-certificates.crt\n");
        for (X509Certificate certificate : certificates) {
            text.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return Files.writeString(dir.resolve(name), text);
    }

    private static Set<X509Certificate> trusted(CaBundle bundle) {
        return Set.of(TlsTrust.verifying(bundle).trustManager().orElseThrow().getAcceptedIssuers());
    }

    @Test
    void nothingSetIsTheJdkTrustStoreAlone() {
        CaBundle none = CaBundle.fromEnvironment(Map.of("SSL_CERT_FILE", ""), Optional.empty());
        assertTrue(none.isEmpty());
        assertSame(TlsTrust.VERIFY, TlsTrust.verifying(none));
        assertEquals(Map.of(), TlsTrust.VERIFY.proxyEnvironment());
    }

    @Test
    void aFileAddsItsAuthoritiesToTheJdkRootsAndIsHandedToGoPrograms() throws Exception {
        Path file = pem("ca.pem", jdkRoots.get(0), jdkRoots.get(1));
        CaBundle bundle = CaBundle.fromEnvironment(Map.of("SSL_CERT_FILE", file.toString()), Optional.empty());
        assertEquals(List.of(jdkRoots.get(0), jdkRoots.get(1)), bundle.certificates());
        assertTrue(bundle.keepsJdkRoots());
        assertEquals(Set.copyOf(jdkRoots), trusted(bundle));
        assertEquals(Map.of("SSL_CERT_FILE", file.toAbsolutePath().toString()), TlsTrust.verifying(bundle).proxyEnvironment());
        assertTrue(TlsTrust.verifying(bundle).checksHostName());
    }

    @Test
    void theFlagTakesThePlaceOfTheVariable() throws Exception {
        Path file = pem("flag.pem", jdkRoots.get(2));
        CaBundle bundle = CaBundle.fromEnvironment(Map.of("SSL_CERT_FILE", "/no/such/file.pem"), Optional.of(file));
        assertEquals(Optional.of(file), bundle.file());
        assertEquals(List.of(jdkRoots.get(2)), bundle.certificates());
    }

    @Test
    void aFileAndFoldersTogetherReplaceTheJdkRootsAsInGo() throws Exception {
        Path file = pem("ca.pem", jdkRoots.get(0));
        Path folder = Files.createDirectory(dir.resolve("certs"));
        Files.move(pem("one.pem", jdkRoots.get(1)), folder.resolve("one.pem"));
        Files.writeString(folder.resolve("README"), "not a certificate");
        String dirs = dir.resolve("missing") + ":" + folder;
        CaBundle folders = CaBundle.fromEnvironment(Map.of("SSL_CERT_DIR", dirs), Optional.empty());
        assertEquals(List.of(jdkRoots.get(1)), folders.certificates(), "a missing folder and a non-certificate file are skipped");
        assertTrue(folders.keepsJdkRoots());

        CaBundle both = CaBundle.fromEnvironment(Map.of("SSL_CERT_FILE", file.toString(), "SSL_CERT_DIR", dirs), Optional.empty());
        assertFalse(both.keepsJdkRoots());
        assertEquals(Set.of(jdkRoots.get(0), jdkRoots.get(1)), trusted(both));
        assertEquals(Map.of("SSL_CERT_FILE", file.toAbsolutePath().toString(),
                "SSL_CERT_DIR", dir.resolve("missing").toAbsolutePath() + ":" + folder.toAbsolutePath()),
                TlsTrust.verifying(both).proxyEnvironment());
    }

    @Test
    void aNamedFileThatCannotBeUsedIsSaidNamingItsSource() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");
        assertEquals("SSL_CERT_FILE=/no/such/ca.pem: no such file", assertThrows(IllegalArgumentException.class,
                () -> CaBundle.fromEnvironment(Map.of("SSL_CERT_FILE", "/no/such/ca.pem"), Optional.empty())).getMessage());
        assertEquals("--tls-ca-file " + junk + ": not a PEM certificate file (No certificate data found)", assertThrows(IllegalArgumentException.class,
                () -> CaBundle.fromEnvironment(Map.of(), Optional.of(junk))).getMessage());
        assertEquals("--tls-ca-file " + dir + ": no such file", assertThrows(IllegalArgumentException.class,
                () -> CaBundle.fromEnvironment(Map.of(), Optional.of(dir))).getMessage());
    }

    @Test
    void insecureSkipVerifyHandsNoAuthoritiesOn() {
        assertEquals(Map.of(), TlsTrust.ACCEPT_ANY.proxyEnvironment());
    }
}
