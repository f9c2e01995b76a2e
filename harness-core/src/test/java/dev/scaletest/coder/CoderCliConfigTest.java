package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoderCliConfigTest {
    private static final Path HOME = Path.of("/home/dev");

    @Test
    void flagBeatsEnvironmentBeatsDefault() {
        Map<String, String> env = Map.of("CODER_CONFIG_DIR", "/env/coder", "XDG_CONFIG_HOME", "/xdg");
        assertEquals(Path.of("/flag/coder"), CoderCliConfig.directory("/flag/coder", env, "Linux", HOME));
        assertEquals(Path.of("/env/coder"), CoderCliConfig.directory(null, env, "Linux", HOME));
        assertEquals(Path.of("/xdg/coderv2"), CoderCliConfig.directory("", Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", HOME));
    }

    @Test
    void platformDefaults() {
        assertEquals(Path.of("/home/dev/.config/coderv2"), CoderCliConfig.directory(null, Map.of(), "Linux", HOME));
        assertEquals(Path.of("/home/dev/Library/Application Support/coderv2"), CoderCliConfig.directory(null, Map.of(), "Mac OS X", HOME));
    }

    @Test
    void readsTrimmedUrlAndSession(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("url"), "https://coder.example.com\n");
        Files.writeString(dir.resolve("session"), "  abc-123-token \n");
        CoderCliConfig cfg = CoderCliConfig.read(dir);
        assertEquals(URI.create("https://coder.example.com"), cfg.url());
        assertEquals("abc-123-token", cfg.sessionToken());
        assertTrue(cfg.loggedIn());
        assertFalse(cfg.toString().contains("abc-123-token"));
    }

    @Test
    void missingFilesAreAbsentValues(@TempDir Path dir) throws Exception {
        CoderCliConfig cfg = CoderCliConfig.read(dir);
        assertNull(cfg.url());
        assertEquals("", cfg.sessionToken());
        assertFalse(cfg.loggedIn());
    }
}
