package dev.scaletest.traffic;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Builds one tick's bytes without allocating: {@code #<10-digit sequence>:} then printable filler,
 * then {@code \n}. The filler never holds {@code #}, so a {@code #} in the echo always starts a
 * marker, and never holds characters a terminal or JSON would change ({@code "}, {@code \}, control
 * characters) so the echo is exactly predictable.
 *
 * <p>This class owns the bounds of a tick's length ({@link #lengthProblem}): at least
 * {@link #MIN_LENGTH} bytes, and through a terminal at most {@link #MAX_TERMINAL_LENGTH}. Flag
 * validation asks it before anything is created; the constructor asserts the same rule.
 */
public final class TickPayload {
    public static final byte MARKER_START = '#';
    public static final int SEQUENCE_DIGITS = 10;
    /** {@code #} + digits + {@code :} */
    public static final int MARKER_LENGTH = SEQUENCE_DIGITS + 2;
    /** The marker and the closing newline. */
    public static final int MIN_LENGTH = MARKER_LENGTH + 1;
    /**
     * A canonical-mode terminal keeps at most 4095 characters of a line before its newline; what
     * lies beyond is echoed but never reaches the reading process.
     */
    public static final int MAX_TERMINAL_LINE = 4095;
    /** The longest tick a terminal passes on whole: one full line plus its newline. */
    public static final int MAX_TERMINAL_LENGTH = MAX_TERMINAL_LINE + 1;

    static final byte[] FILLER_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!$%'()*+,-./:;=?@[]^_{|}".getBytes();

    private final byte[] filler;

    /** Random filler shared by every stream of an engine; one array, read only. */
    public TickPayload(int payloadLength) {
        requireLength(payloadLength, false);
        SecureRandom random = new SecureRandom();
        filler = new byte[payloadLength];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = FILLER_ALPHABET[random.nextInt(FILLER_ALPHABET.length)];
        }
        filler[payloadLength - 1] = '\n';
    }

    /**
     * What is wrong with ticks of {@code length} bytes, worded to follow the setting's name
     * ("must be ..."); empty when they are fine. This is the only place the bounds are compared.
     *
     * @param terminalLine the ticks go through a terminal, which passes a line of at most
     *                     {@link #MAX_TERMINAL_LINE} characters plus the newline
     */
    public static Optional<String> lengthProblem(int length, boolean terminalLine) {
        String marker = "a tick holds its " + MARKER_LENGTH + "-byte sequence marker and the newline";
        if (terminalLine && (length < MIN_LENGTH || length > MAX_TERMINAL_LENGTH)) {
            return Optional.of("must be from " + MIN_LENGTH + " to " + MAX_TERMINAL_LENGTH + " through a terminal, got " + length
                    + ": " + marker + ", and a terminal passes at most " + MAX_TERMINAL_LINE + " characters of a line plus the newline");
        }
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + ", got " + length + ": " + marker);
        }
        return Optional.empty();
    }

    /** Asserts what {@link #lengthProblem} decides: throws {@link IllegalArgumentException} on a problem. */
    public static int requireLength(int length, boolean terminalLine) {
        lengthProblem(length, terminalLine).ifPresent(problem -> {
            throw new IllegalArgumentException("bytes per tick " + problem);
        });
        return length;
    }

    public int length() {
        return filler.length;
    }

    /** A per-stream buffer pre-filled with the filler; only the marker changes per tick. */
    public byte[] newBuffer() {
        return filler.clone();
    }

    /** Writes the marker for {@code sequence} into the start of {@code buffer}. */
    public static void mark(byte[] buffer, long sequence) {
        buffer[0] = MARKER_START;
        long s = sequence;
        for (int i = SEQUENCE_DIGITS; i >= 1; i--) {
            buffer[i] = (byte) ('0' + (s % 10));
            s /= 10;
        }
        buffer[SEQUENCE_DIGITS + 1] = ':';
    }
}
