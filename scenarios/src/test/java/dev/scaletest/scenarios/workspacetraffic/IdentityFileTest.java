package dev.scaletest.scenarios.workspacetraffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.scenarios.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileNamesTheFlag() {
        Path missing = dir.resolve("id_missing");
        ConfigException e = assertThrows(ConfigException.class, () -> IdentityFile.load(missing));
        assertEquals("--ssh-identity-file " + missing + ": no such file", e.getMessage());
    }

    @Test
    void aDirectoryCannotBeRead() {
        ConfigException e = assertThrows(ConfigException.class, () -> IdentityFile.load(dir));
        assertTrue(e.getMessage().startsWith("--ssh-identity-file " + dir + ": cannot be read"), e.getMessage());
    }

    @Test
    void aFileWithoutAKeyIsNotUsable() throws Exception {
        Path junk = Files.writeString(dir.resolve("id_junk"), "this is not a key\n");
        ConfigException e = assertThrows(ConfigException.class, () -> IdentityFile.load(junk));
        assertTrue(e.getMessage().startsWith("--ssh-identity-file " + junk + ": not a usable private key"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }

    @Test
    void aPemKeyLoads() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path key = Files.writeString(dir.resolve("id_rsa"), pem);
        assertEquals(1, IdentityFile.load(key).keys().size());
    }
}
