package dev.scaletest.coder;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates scaletest accepts from a deployment, the one owner of that rule for
 * all three TLS clients: the JDK HTTP client of the REST calls ({@link CoderHttpClients}) and both
 * WebSocket clients (Netty and Java-WebSocket, in harness-web). Each client turns it into its own
 * TLS setup from {@link #trustManager()} and {@link #checksHostName()}, or takes {@link #sslContext()}.
 *
 * <p>By default certificates are verified against the JDK's trust store, host names included.
 * {@code --insecure-skip-verify} accepts any certificate for any name. A CA bundle
 * ({@code --tls-ca-file}, {@code SSL_CERT_FILE}) will be one more component here, whose trust
 * manager then comes from those files; every client follows without a change of its own.
 *
 * <p>Host names when accepting any certificate: the trust manager is an
 * {@link X509ExtendedTrustManager} with empty checks, and for such trust managers the JDK performs
 * the hostname check inside the trust manager, so names are not verified either (the TLS tests
 * prove it with a certificate issued for another host). The JDK HTTP client's other switch for
 * hostname checks, the system property {@value #DISABLE_HOSTNAME_VERIFICATION}, is deliberately
 * not set: it is JVM-wide, read once, and would also silence hostname checks of clients that
 * asked for verification.
 *
 * @param mode whether certificates are verified
 */
public record TlsTrust(Mode mode) {

    /** How server certificates are checked. */
    public enum Mode {
        /** The JDK's trust store, host names checked. */
        VERIFY,
        /** Any certificate for any name ({@code --insecure-skip-verify}). */
        ACCEPT_ANY
    }

    public static final TlsTrust VERIFY = new TlsTrust(Mode.VERIFY);
    public static final TlsTrust ACCEPT_ANY = new TlsTrust(Mode.ACCEPT_ANY);

    /** The JDK HTTP client's JVM-wide hostname-check switch; never set by scaletest. */
    public static final String DISABLE_HOSTNAME_VERIFICATION = "jdk.internal.httpclient.disableHostnameVerification";

    public TlsTrust {
        Objects.requireNonNull(mode, "mode");
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
        return mode == Mode.ACCEPT_ANY ? Optional.of(new AcceptAnyCertificate()) : Optional.empty();
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
