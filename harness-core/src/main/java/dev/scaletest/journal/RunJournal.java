package dev.scaletest.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * The run journal: before the tool creates anything it appends an INTENT line and forces it to
 * disk, so that even after {@code kill -9} between the create request and its answer a later
 * {@code scaletest cleanup --journal <dir>} knows what may exist. CREATED and DELETED lines follow.
 */
public final class RunJournal implements AutoCloseable {
    public static final String FILE_NAME = "journal.jsonl";
    public static final Path DEFAULT_BASE = Path.of("scaletest-runs");
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String RUN_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    // A stream, not a FileChannel: a FileChannel is interruptible, and Ctrl-C interrupts the run
    // threads, so an interrupt landing on a thread in the middle of a write or force would close
    // the journal for every thread, and the cleanup after Ctrl-C could record nothing.
    // FileOutputStream's writes and FileDescriptor.sync ignore interrupts.
    private final FileOutputStream out;
    private final InstantSource clock;
    private final GroupCommit commits;

    private RunJournal(Path directory, FileOutputStream out, InstantSource clock) {
        this.directory = directory;
        this.out = out;
        this.clock = clock;
        this.commits = new GroupCommit(new GroupCommit.Sink() {
            @Override
            public void write(ByteBuffer[] lines) throws IOException {
                int size = 0;
                for (ByteBuffer line : lines) {
                    size += line.remaining();
                }
                ByteBuffer batch = ByteBuffer.allocate(size);
                for (ByteBuffer line : lines) {
                    batch.put(line);
                }
                out.write(batch.array());
            }

            @Override
            public void force() throws IOException {
                out.getFD().sync();
            }
        });
    }

    /** Opens (creating if needed) {@code directory/journal.jsonl} for appending. */
    public static RunJournal open(Path directory) throws IOException {
        return open(directory, InstantSource.system());
    }

    public static RunJournal open(Path directory, InstantSource clock) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        RunJournal journal = new RunJournal(directory, new FileOutputStream(file.toFile(), true), clock);
        journal.terminateTornLine(file);
        return journal;
    }

    /** {@code ./scaletest-runs/<runId>}. */
    public static Path defaultDirectory(String runId) {
        return DEFAULT_BASE.resolve(runId);
    }

    /** {@code 20261122T041500Z-k3x9qa}: sortable by time, unique across parallel invocations. */
    public static String newRunId() {
        return newRunId(InstantSource.system(), new SecureRandom());
    }

    public static String newRunId(InstantSource clock, RandomGenerator random) {
        StringBuilder id = new StringBuilder(RUN_ID_TIME.format(clock.instant())).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(RUN_ID_ALPHABET.charAt(random.nextInt(RUN_ID_ALPHABET.length())));
        }
        return id.toString();
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    public void userIntent(String run, String username, String email) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.INTENT, ResourceKind.USER, username, email, null, null, run));
    }

    public void workspaceIntent(String run, String name, String ownerUsername) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.INTENT, ResourceKind.WORKSPACE, name, null, ownerUsername, null, run));
    }

    /** About to mint the token {@code tokenName} for {@code ownerUsername}. */
    public void apiKeyIntent(String run, String tokenName, String ownerUsername) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.INTENT, ResourceKind.API_KEY, tokenName, null, ownerUsername, null, run));
    }

    /** Minted: {@code keyId} is the part of the key before the dash, never the secret. */
    public void apiKeyCreated(String run, String tokenName, String ownerUsername, String keyId) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.CREATED, ResourceKind.API_KEY, tokenName, null, ownerUsername, keyId, run));
    }

    /** Deleted (or found gone); {@code keyId} may be null when the token was never seen minted. */
    public void apiKeyDeleted(String run, String tokenName, String ownerUsername, String keyId) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.DELETED, ResourceKind.API_KEY, tokenName, null, ownerUsername, keyId, run));
    }

    public void created(ResourceKind kind, String name, String id, String run) throws IOException {
        append(new JournalEntry(clock.instant(), JournalEvent.CREATED, kind, name, null, null, id, run));
    }

    /** {@code name} or {@code id} may be null, not both. */
    public void deleted(ResourceKind kind, String name, String id, String run) throws IOException {
        if (name == null && id == null) {
            throw new IllegalArgumentException("a deleted " + kind.json() + " needs a name or an id");
        }
        append(new JournalEntry(clock.instant(), JournalEvent.DELETED, kind, name, null, null, id, run));
    }

    /**
     * Appends one line and forces it to disk before returning; lines appended concurrently share
     * one force (see {@link GroupCommit}). A failed write (a full disk) names the journal's file.
     */
    public void append(JournalEntry entry) throws IOException {
        try {
            commits.append((encode(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("journal " + file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        commits.exclusive(out::close);
    }

    static String encode(JournalEntry entry) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("at", entry.at().toString());
        node.put("event", entry.event().json());
        node.put("kind", entry.kind().json());
        putIfPresent(node, "name", entry.name());
        putIfPresent(node, "email", entry.email());
        putIfPresent(node, "owner", entry.owner());
        putIfPresent(node, "id", entry.id());
        putIfPresent(node, "run", entry.run());
        return JSON.writeValueAsString(node);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    // A journal reopened after a crash may end in half a line; new entries must start on their own line.
    private void terminateTornLine(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return;
        }
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            if (last.get(0) != '\n') {
                out.write('\n');
                out.getFD().sync();
            }
        }
    }

    static Instant parseInstant(String text) {
        return Instant.parse(text);
    }
}
