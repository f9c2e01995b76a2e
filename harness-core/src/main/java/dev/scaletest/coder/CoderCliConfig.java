package dev.scaletest.coder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code coder login} left in the CLI config directory: the deployment URL (file {@code url})
 * and the session token (file {@code session}). Either may be missing. The token never appears in
 * {@link #toString()}.
 */
public record CoderCliConfig(Path directory, URI url, String sessionToken) {
    public static final String ENV_CONFIG_DIR = "CODER_CONFIG_DIR";
    public static final String APP_DIR = "coderv2";

    public CoderCliConfig {
        sessionToken = sessionToken == null ? "" : sessionToken;
    }

    /** Both a URL and a token were found. */
    public boolean loggedIn() {
        return url != null && !sessionToken.isEmpty();
    }

    /**
     * The config directory: {@code --global-config} if given, else {@code CODER_CONFIG_DIR}, else
     * the platform default ({@code $XDG_CONFIG_HOME/coderv2} or {@code ~/.config/coderv2} on Linux,
     * {@code ~/Library/Application Support/coderv2} on macOS, {@code %APPDATA%\coderv2} on Windows).
     */
    public static Path directory(String globalConfigFlag, Map<String, String> env, String osName, Path home) {
        if (globalConfigFlag != null && !globalConfigFlag.isBlank()) {
            return Path.of(globalConfigFlag);
        }
        String fromEnv = env.get(ENV_CONFIG_DIR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve(APP_DIR);
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve(APP_DIR);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve(APP_DIR);
    }

    /** The directory for this process: flag value (may be null), real environment, OS and home. */
    public static Path directory(String globalConfigFlag) {
        return directory(globalConfigFlag, System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")));
    }

    /** Reads {@code url} and {@code session} from {@code dir}, trimming whitespace; missing files are absent values. */
    public static CoderCliConfig read(Path dir) throws IOException {
        String url = readTrimmed(dir.resolve("url"));
        String session = readTrimmed(dir.resolve("session"));
        URI uri;
        try {
            uri = url == null || url.isEmpty() ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL in " + dir.resolve("url") + ": " + e.getMessage(), e);
        }
        return new CoderCliConfig(dir, uri, session);
    }

    private static String readTrimmed(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CoderCliConfig[directory=" + directory + ", url=" + url + ", sessionToken=" + (sessionToken.isEmpty() ? "" : "****") + "]";
    }
}
