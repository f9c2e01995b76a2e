package dev.scaletest.simulator;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The certificate the simulator serves HTTPS with: its private key and chain (the server's own
 * certificate first), and, when the simulator made it itself ({@link SelfSignedAuthority}), the
 * authority a client has to trust.
 */
public record ServerTls(PrivateKey key, List<X509Certificate> chain, Optional<X509Certificate> authority) {

    public ServerTls {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a server certificate chain needs at least one certificate");
        }
        Objects.requireNonNull(authority, "authority");
    }

    /**
     * A certificate chain and its key from PEM files, as coderd's {@code --tls-cert-file} and
     * {@code --tls-key-file} take them (PKCS#8, PKCS#1 or SEC1 keys, unencrypted). Throws
     * {@link IllegalArgumentException} naming the file that cannot be used.
     */
    public static ServerTls fromPemFiles(Path certificateChain, Path privateKey) {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certificateChain)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(certificateChain + ": cannot read a PEM certificate chain (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificateChain + ": no PEM certificate in it");
        }
        PrivateKey key = readKey(privateKey);
        if (!belongTogether(key, chain.getFirst())) {
            throw new IllegalArgumentException(privateKey + " is not the key of the certificate in " + certificateChain);
        }
        return new ServerTls(key, chain, Optional.empty());
    }

    /** Whether {@code key} signs what the certificate's public key verifies (Netty does not check it). */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "scaletest".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey readKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (object) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null -> throw new IllegalArgumentException(file + ": no PEM private key in it");
                default -> throw new IllegalArgumentException(file + ": not an unencrypted PEM private key");
            };
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read a PEM private key (" + e.getMessage() + ")");
        }
    }

    /** Netty's server context for this certificate; fails when the key does not belong to it. */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the TLS key and certificate do not make a server context: " + e.getMessage(), e);
        }
    }

    /** The authority as PEM text, for clients to trust; empty when the certificate was given. */
    public Optional<String> authorityPem() {
        return authority.map(ServerTls::pem);
    }

    /** A certificate, or a private key as PKCS#8 ({@code openssl genpkey}'s form), as PEM text. */
    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }
}
