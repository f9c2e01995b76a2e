package dev.scaletest.web;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/** A server TLS context with a fresh self-signed certificate (for 127.0.0.1 unless named otherwise), made with the JDK's keytool. */
final class SelfSignedTls {

    private static final String PASSWORD = "changeit";

    private SelfSignedTls() {}

    static SslContext serverContext(Path dir) throws Exception {
        return serverContext(dir, "localhost", "ip:127.0.0.1,dns:localhost");
    }

    /** A certificate for {@code commonName} with the subject alternative names {@code san} (keytool's syntax). */
    static SslContext serverContext(Path dir, String commonName, String san) throws Exception {
        Path keystore = dir.resolve("server-" + commonName + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-validity", "2",
                "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        return SslContextBuilder.forServer(keys).build();
    }
}
