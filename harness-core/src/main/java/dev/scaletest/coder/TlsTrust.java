package dev.scaletest.coder;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates scaletest accepts from a deployment, the one owner of that rule for
 * all three TLS clients: the JDK HTTP client of the REST calls ({@link CoderHttpClients}) and both
 * WebSocket clients (Netty and Java-WebSocket, in harness-web); the SSH proxy command gets the same
 * authorities through Go's variables ({@link #proxyEnvironment()}). Each client turns it into its
 * own TLS setup from {@link #trustManager()} and {@link #checksHostName()}, or takes {@link #sslContext()}.
 *
 * <p>By default certificates are verified against the JDK's trust store, host names included. A
 * {@link CaBundle} ({@code --tls-ca-file}, {@code SSL_CERT_FILE}, {@code SSL_CERT_DIR}) adds its
 * authorities, or with a file and folders together replaces the JDK's as Go does; host names are
 * still checked. {@code --insecure-skip-verify} accepts any certificate for any name.
 *
 * <p>Host names when accepting any certificate: the trust manager is an
 * {@link X509ExtendedTrustManager} with empty checks, and for such trust managers the JDK performs
 * the hostname check inside the trust manager, so names are not verified either (the TLS tests
 * prove it with a certificate issued for another host). The JDK HTTP client's other switch for
 * hostname checks, the system property {@value #DISABLE_HOSTNAME_VERIFICATION}, is deliberately
 * not set: it is JVM-wide, read once, and would also silence hostname checks of clients that
 * asked for verification.
 *
 * @param mode     whether certificates are verified
 * @param caBundle the authorities trusted besides (or instead of) the JDK's when verifying
 */
public record TlsTrust(Mode mode, CaBundle caBundle) {

    /** How server certificates are checked. */
    public enum Mode {
        /** The JDK's trust store, host names checked. */
        VERIFY,
        /** Any certificate for any name ({@code --insecure-skip-verify}). */
        ACCEPT_ANY
    }

    public static final TlsTrust VERIFY = new TlsTrust(Mode.VERIFY, CaBundle.NONE);
    public static final TlsTrust ACCEPT_ANY = new TlsTrust(Mode.ACCEPT_ANY, CaBundle.NONE);

    /** The JDK HTTP client's JVM-wide hostname-check switch; never set by scaletest. */
    public static final String DISABLE_HOSTNAME_VERIFICATION = "jdk.internal.httpclient.disableHostnameVerification";

    public TlsTrust {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(caBundle, "caBundle");
    }

    /** Verifying against the JDK's trust store and {@code caBundle} ({@link #VERIFY} when it is empty). */
    public static TlsTrust verifying(CaBundle caBundle) {
        return caBundle.isEmpty() ? VERIFY : new TlsTrust(Mode.VERIFY, caBundle);
    }

    /** {@link #ACCEPT_ANY} for {@code --insecure-skip-verify}, else {@link #VERIFY}. */
    public static TlsTrust of(boolean insecureSkipVerify) {
        return insecureSkipVerify ? ACCEPT_ANY : VERIFY;
    }

    public boolean insecureSkipVerify() {
        return mode == Mode.ACCEPT_ANY;
    }

    /** Whether the server's host name must match its certificate (endpoint identification "HTTPS"). */
    public boolean checksHostName() {
        return mode == Mode.VERIFY;
    }

    /** The trust manager to install, or empty for the JDK's default trust store. */
    public Optional<X509ExtendedTrustManager> trustManager() {
        if (mode == Mode.ACCEPT_ANY) {
            return Optional.of(new AcceptAnyCertificate());
        }
        return caBundle.isEmpty() ? Optional.empty() : Optional.of(bundleTrustManager());
    }

    /**
     * What a Go program started by scaletest (the SSH proxy command) needs in its environment to
     * trust the same authorities: {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} as resolved.
     */
    public Map<String, String> proxyEnvironment() {
        return mode == Mode.VERIFY ? caBundle.goEnvironment() : Map.of();
    }

    /** PKIX with the bundle's authorities, plus the JDK's own unless the bundle replaces them. */
    private X509ExtendedTrustManager bundleTrustManager() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            List<X509Certificate> all = new ArrayList<>(caBundle.certificates());
            if (caBundle.keepsJdkRoots()) {
                all.addAll(List.of(jdkTrustManager().getAcceptedIssuers()));
            }
            for (int i = 0; i < all.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, all.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return firstExtended(factory);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the trust store of " + caBundle + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return firstExtended(factory);
    }

    private static X509ExtendedTrustManager firstExtended(TrustManagerFactory factory) throws GeneralSecurityException {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager from " + factory.getAlgorithm());
    }

    @Override
    public String toString() {
        return "TlsTrust[" + mode + (caBundle.isEmpty() ? "" : ", " + caBundle) + "]";
    }

    /** A TLS context trusting as this says: the JDK's default context, or a new one with {@link #trustManager()}. */
    public SSLContext sslContext() {
        try {
            Optional<X509ExtendedTrustManager> trust = trustManager();
            if (trust.isEmpty()) {
                return SSLContext.getDefault();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust.get()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
