package dev.scaletest.coder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Certificate authorities trusted beyond the JDK's trust store, found where Go's crypto/x509 looks
 * on Linux, so that scaletest trusts what Coder's Go CLI on the same machine trusts: the file of
 * {@value #FILE_VARIABLE} (or {@code --tls-ca-file}, which takes its place) and every file in the
 * folders of {@value #DIR_VARIABLE} (colon-separated). Java itself ignores both variables.
 *
 * <p>Go lets {@value #FILE_VARIABLE} replace only the system's default bundle file and
 * {@value #DIR_VARIABLE} only its default folders, so the system's roots still count unless both
 * are set; the JDK's trust store stands in for the system's roots here
 * ({@link #keepsJdkRoots()}). As in Go, a folder that does not exist and a file in a folder that
 * holds no certificate are skipped; unlike Go, a named file that cannot be read or holds no
 * certificate is an error, said before the run instead of as a TLS failure during it.
 *
 * @param file         the PEM file of authorities, if any
 * @param directories  folders whose files are read for authorities
 * @param certificates the authorities those hold
 */
public record CaBundle(Optional<Path> file, List<Path> directories, List<X509Certificate> certificates) {
    public static final String FILE_VARIABLE = "SSL_CERT_FILE";
    public static final String DIR_VARIABLE = "SSL_CERT_DIR";
    public static final CaBundle NONE = new CaBundle(Optional.empty(), List.of(), List.of());

    public CaBundle {
        Objects.requireNonNull(file, "file");
        directories = List.copyOf(directories);
        certificates = List.copyOf(certificates);
    }

    /**
     * The bundle a Go program would read from {@code environment}, with {@code caFile} in place of
     * {@value #FILE_VARIABLE} when given. Throws {@link IllegalArgumentException} naming the flag or
     * variable when a named file cannot be used.
     */
    public static CaBundle fromEnvironment(Map<String, String> environment, Optional<Path> caFile) {
        String fileVariable = environment.getOrDefault(FILE_VARIABLE, "");
        String dirVariable = environment.getOrDefault(DIR_VARIABLE, "");
        Optional<Path> file = caFile.or(() -> fileVariable.isEmpty() ? Optional.empty() : Optional.of(Path.of(fileVariable)));
        List<Path> directories = dirVariable.isEmpty() ? List.of()
                : Stream.of(dirVariable.split(":")).filter(d -> !d.isEmpty()).map(Path::of).toList();
        List<X509Certificate> certificates = new ArrayList<>();
        if (file.isPresent()) {
            String source = caFile.isPresent() ? "--tls-ca-file " + caFile.get() : FILE_VARIABLE + "=" + fileVariable;
            certificates.addAll(readFile(source, file.get()));
        }
        for (Path directory : directories) {
            certificates.addAll(readDirectory(directory));
        }
        return new CaBundle(file, directories, certificates);
    }

    public boolean isEmpty() {
        return file.isEmpty() && directories.isEmpty();
    }

    /** Whether the JDK's own roots still count: only a file and folders together replace them, as in Go. */
    public boolean keepsJdkRoots() {
        return file.isEmpty() || directories.isEmpty();
    }

    /**
     * The variables that make a Go program started by scaletest (the SSH proxy command, {@code coder
     * ssh}) trust the same authorities; empty when nothing was set.
     */
    public Map<String, String> goEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        file.ifPresent(f -> variables.put(FILE_VARIABLE, f.toAbsolutePath().toString()));
        if (!directories.isEmpty()) {
            variables.put(DIR_VARIABLE, directories.stream().map(d -> d.toAbsolutePath().toString()).collect(Collectors.joining(":")));
        }
        return Map.copyOf(variables);
    }

    private static List<X509Certificate> readFile(String source, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(source + ": no such file");
        }
        try {
            List<X509Certificate> certificates = parse(file);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(source + ": no PEM certificate in it");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": not a PEM certificate file (" + e.getMessage() + ")");
        }
    }

    private static List<X509Certificate> readDirectory(Path directory) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                try {
                    certificates.addAll(parse(file));
                } catch (IOException | GeneralSecurityException e) {
                    // Go skips what is not a certificate (c_rehash folders hold other files too).
                }
            }
        } catch (IOException e) {
            // Go skips a folder that cannot be listed.
        }
        return certificates;
    }

    private static List<X509Certificate> parse(Path file) throws IOException, CertificateException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        }
    }

    @Override
    public String toString() {
        return "CaBundle[file=" + file.orElse(null) + ", directories=" + directories + ", certificates=" + certificates.size() + "]";
    }
}
