package dev.scaletest.simulator.terminal;

import java.util.List;
import java.util.Map;

/**
 * A command line as the simulator understands it: the login shell, the {@code dd} family the
 * traffic scenarios run, or anything else (which prints configured output).
 */
public sealed interface SimulatedCommand {

    /**
     * {@code dd if=/dev/stdin of=/dev/stdout|/dev/null [bs=N] ...}: copies stdin to stdout, or
     * discards it, reading at most {@code blockSize} bytes at a time as dd does (each read written
     * out on its own, so the block size sets how many packets an echo takes).
     */
    record Dd(boolean copiesToStdout, int blockSize) implements SimulatedCommand {
        /** dd's block size when the command line gives none. */
        static final int DEFAULT_BLOCK_SIZE = 512;

        /** A pipe holds 64 KiB, so dd's read from one never returns more, whatever its block size. */
        static final int LARGEST_READ = 64 * 1024;

        /**
         * {@code bs=N}, {@code bs=NK} or {@code bs=Nk} (KiB, as GNU dd reads both), at most
         * {@link #LARGEST_READ}; else dd's default.
         */
        static int blockSize(List<String> words) {
            for (String word : words) {
                if (word.matches("bs=[1-9][0-9]{0,9}[kK]?")) {
                    boolean kib = Character.toLowerCase(word.charAt(word.length() - 1)) == 'k';
                    long n = Long.parseLong(word.substring(3, word.length() - (kib ? 1 : 0)));
                    return (int) Math.min(kib ? n * 1024 : n, LARGEST_READ);
                }
            }
            return DEFAULT_BLOCK_SIZE;
        }
    }

    /** An empty command: an interactive login shell. */
    record LoginShell() implements SimulatedCommand {}

    /** Any other command line. */
    record Scripted(String commandLine, CommandOutput output) implements SimulatedCommand {}

    /** Configured outputs win over the built-in meaning of a command line. */
    static SimulatedCommand parse(String commandLine, Map<String, CommandOutput> configured) {
        String line = commandLine == null ? "" : commandLine.strip();
        if (line.isEmpty()) {
            return new LoginShell();
        }
        CommandOutput output = configured.get(line);
        if (output != null) {
            return new Scripted(line, output);
        }
        List<String> words = List.of(line.split("\\s+"));
        if (words.getFirst().equals("dd") && words.contains("if=/dev/stdin")) {
            if (words.contains("of=/dev/stdout")) {
                return new Dd(true, Dd.blockSize(words));
            }
            if (words.contains("of=/dev/null")) {
                return new Dd(false, Dd.blockSize(words));
            }
        }
        return new Scripted(line, CommandOutput.simulated(line));
    }
}
