package dev.scaletest.cli;

import dev.scaletest.journal.RunJournal;
import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the files a run will write can be written, found out before anything starts: a report
 * that cannot be written after an hour of load is an hour lost (Coder's tool then even skipped its
 * cleanup, coder/coder#5549). Each check tries it for real (permissions say little to root): it
 * creates what is missing, writes a byte in a probe file and removes everything it made again, so
 * a check leaves nothing behind. Each failure is one line naming the flag, value and what to do.
 */
final class WritablePaths {
    /** Linux's {@code /dev/full} (character device 1:7): every write fails with "No space left on device". */
    private static final long ALWAYS_FULL_DEVICE = (1 << 8) | 7;

    /** How often a failing check of a new file is made before it counts (see probeNewRacingOthers). */
    private static final int RACE_ATTEMPTS = 12;

    private WritablePaths() {}

    /** Every file target of {@code --output}; stdout targets need no check. */
    static void checkOutputs(List<OutputTarget> targets) {
        for (OutputTarget target : targets) {
            if (!target.toStdout()) {
                checkFile("--output " + target, target.path().orElseThrow());
            }
        }
    }

    /** The run journal's folder ({@code --journal-dir}, or its default under the current directory). */
    static void checkJournalDirectory(Path directory, boolean given) {
        String what = given ? "--journal-dir " + directory : "the run journal folder " + directory;
        String fix = given ? "pass a writable --journal-dir" : "run from a writable directory or pass --journal-dir";
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ConfigException(what + " is not a directory; " + fix);
        }
        checkFile(what, directory.resolve(RunJournal.FILE_NAME), fix);
    }

    static void checkFile(String what, Path file) {
        checkFile(what, file, "name a writable file");
    }

    private static void checkFile(String what, Path file, String fix) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(what + ": " + file + " is a directory; " + fix);
            }
            if (Files.exists(file)) {
                checkExisting(what, file, fix);
            } else {
                probeNewRacingOthers(what, file.toAbsolutePath(), fix);
            }
        } catch (IOException e) {
            throw new ConfigException(what + ": cannot write there (" + reason(e) + "); " + fix);
        }
    }

    private static void checkExisting(String what, Path file, String fix) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isOther() && alwaysFull(file)) {
            throw new ConfigException(what + ": every write to " + file + " fails (No space left on device); " + fix);
        }
        if (!attributes.isRegularFile()) {
            // /dev/stdout, /dev/null, a named pipe: opening one may block or consume; trust it.
            return;
        }
        // Opened for appending and closed again without a write: the contents stay as they are.
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            requireSpace(what, file, fix);
        }
    }

    /**
     * Shards started together (a Kubernetes Job's pods, processes on one host) check the same new
     * folders at once: one may make a folder another is about to make, or remove its own empty
     * probe folder while another looks at it or probes inside it. A check that fails is therefore
     * made again a few times, a millisecond or more apart; a place that cannot be written fails each
     * time, and only then is it reported.
     */
    private static void probeNewRacingOthers(String what, Path file, String fix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                probeNew(what, file, fix);
                return;
            } catch (ConfigException | IOException e) {
                if (attempt == RACE_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void probeNew(String what, Path file, String fix) throws IOException {
        Path parent = file.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new ConfigException(what + ": " + existing + " is not a directory; " + fix);
        }
        List<Path> missing = new ArrayList<>();
        for (Path directory = parent; directory != null && !directory.equals(existing); directory = directory.getParent()) {
            missing.addFirst(directory);
        }
        List<Path> created = new ArrayList<>();
        try {
            for (Path directory : missing) {
                try {
                    created.add(Files.createDirectory(directory));
                } catch (IOException e) {
                    throw new ConfigException(what + ": cannot create " + directory + " (" + reason(e) + "); " + fix);
                }
            }
            Path probe = Files.createTempFile(parent, ".scaletest-probe-", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                requireSpace(what, probe, fix);
            } finally {
                Files.deleteIfExists(probe);
            }
        } finally {
            for (Path directory : created.reversed()) {
                deleteQuietly(directory);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Only an empty folder this check made; a failure here would hide the check's own answer.
        }
    }

    private static void requireSpace(String what, Path file, String fix) throws IOException {
        if (Files.getFileStore(file).getUsableSpace() == 0) {
            throw new ConfigException(what + ": the disk is full (No space left on device); free some space or " + fix);
        }
    }

    private static boolean alwaysFull(Path file) {
        try {
            return Files.getAttribute(file, "unix:rdev") instanceof Long device && device == ALWAYS_FULL_DEVICE;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The system's words for an I/O failure, without the path the caller already names. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason();
            if (reason != null) {
                return reason;
            }
            return switch (e) {
                case java.nio.file.NoSuchFileException n -> "No such file or directory";
                case java.nio.file.AccessDeniedException a -> "Permission denied";
                case java.nio.file.FileAlreadyExistsException a -> "File exists";
                case java.nio.file.NotDirectoryException n -> "Not a directory";
                default -> e.getClass().getSimpleName();
            };
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
