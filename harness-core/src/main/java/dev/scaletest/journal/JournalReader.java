package dev.scaletest.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run journal back and works out what is left on the deployment. Lines that cannot be
 * read (the half line a killed process leaves behind) are skipped and counted.
 */
public final class JournalReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalReader() {}

    /** Entries of a journal file, or of {@code journal.jsonl} in a directory. */
    public record Contents(Path file, List<JournalEntry> entries, int unreadableLines) {
        public Contents {
            entries = List.copyOf(entries);
        }

        /**
         * One line saying that unreadable lines were skipped, or empty when every line was read. A
         * process killed mid-write leaves a half line; the entries before it are whole, since each
         * is written as one line.
         */
        public Optional<String> skippedNotice() {
            if (unreadableLines == 0) {
                return Optional.empty();
            }
            return Optional.of("Skipped " + unreadableLines + (unreadableLines == 1 ? " unreadable line" : " unreadable lines")
                    + " in " + file + " (a run killed mid-write leaves half a line); every whole line was read");
        }
    }

    public static Contents read(Path fileOrDirectory) throws IOException {
        Path file = file(fileOrDirectory);
        List<JournalEntry> entries = new ArrayList<>();
        int unreadable = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Optional<JournalEntry> entry = decode(line);
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                unreadable++;
            }
        }
        return new Contents(file, entries, unreadable);
    }

    private static Path file(Path fileOrDirectory) {
        return Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(RunJournal.FILE_NAME) : fileOrDirectory;
    }

    /** Resources with an INTENT or CREATED line and no DELETED line, in the order they were planned. */
    public static List<LeftoverResource> leftovers(Path fileOrDirectory) throws IOException {
        return leftovers(read(fileOrDirectory).entries());
    }

    public static List<LeftoverResource> leftovers(List<JournalEntry> entries) {
        Map<String, Tracked> byName = new LinkedHashMap<>();
        Map<String, Tracked> byId = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            Tracked tracked = null;
            if (entry.name() != null) {
                tracked = byName.get(nameKey(entry));
            }
            if (tracked == null && entry.id() != null) {
                tracked = byId.get(key(entry.kind(), entry.id()));
            }
            switch (entry.event()) {
                case INTENT, CREATED -> {
                    if (tracked == null) {
                        tracked = new Tracked(entry.kind(), entry.name());
                        if (entry.name() != null) {
                            byName.put(nameKey(entry), tracked);
                        }
                    }
                    tracked.merge(entry);
                    if (entry.id() != null) {
                        byId.put(key(entry.kind(), entry.id()), tracked);
                    }
                }
                case DELETED -> {
                    if (tracked != null) {
                        tracked.deleted = true;
                    }
                }
            }
        }
        List<LeftoverResource> left = new ArrayList<>();
        java.util.Set<Tracked> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Tracked> all = new ArrayList<>(byName.values());
        all.addAll(byId.values());
        for (Tracked tracked : all) {
            if (seen.add(tracked) && !tracked.deleted) {
                left.add(tracked.toLeftover());
            }
        }
        return left;
    }

    /**
     * What identifies a resource by name: its kind and name, and for an API key also its owner,
     * since every owner's token of one run has the same name.
     */
    private static String nameKey(JournalEntry entry) {
        String name = entry.kind() == ResourceKind.API_KEY && entry.owner() != null ? entry.owner() + "/" + entry.name() : entry.name();
        return key(entry.kind(), name);
    }

    private static String key(ResourceKind kind, String value) {
        return kind.json() + "\u0000" + value;
    }

    static Optional<JournalEntry> decode(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new JournalEntry(
                    RunJournal.parseInstant(node.get("at").asText()),
                    JournalEvent.fromJson(node.get("event").asText()),
                    ResourceKind.fromJson(node.get("kind").asText()),
                    text(node, "name"),
                    text(node, "email"),
                    text(node, "owner"),
                    text(node, "id"),
                    text(node, "run")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static final class Tracked {
        final ResourceKind kind;
        String name;
        String id;
        String email;
        String owner;
        String run;
        boolean deleted;

        Tracked(ResourceKind kind, String name) {
            this.kind = kind;
            this.name = name;
        }

        void merge(JournalEntry entry) {
            name = entry.name() != null ? entry.name() : name;
            id = entry.id() != null ? entry.id() : id;
            email = entry.email() != null ? entry.email() : email;
            owner = entry.owner() != null ? entry.owner() : owner;
            run = entry.run() != null ? entry.run() : run;
        }

        LeftoverResource toLeftover() {
            return new LeftoverResource(kind, name, Optional.ofNullable(id), email, owner, run);
        }
    }
}
