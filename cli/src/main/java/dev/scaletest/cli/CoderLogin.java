package dev.scaletest.cli;

import dev.scaletest.scenarios.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code coder login} left in the CLI config directory: the files {@code url} and {@code session}. */
record CoderLogin(Optional<String> url, Optional<String> sessionToken) {

    static CoderLogin read(Path configDir) {
        return new CoderLogin(readFile(configDir.resolve("url")), readFile(configDir.resolve("session")));
    }

    private static Optional<String> readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " (--global-config): " + e.getMessage());
        }
    }
}
