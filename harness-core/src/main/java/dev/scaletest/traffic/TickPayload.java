package dev.scaletest.traffic;

import java.security.SecureRandom;

/**
 * Builds one tick's bytes without allocating: {@code #<10-digit sequence>:} then printable filler,
 * then {@code \n}. The filler never holds {@code #}, so a {@code #} in the echo always starts a
 * marker, and never holds characters a terminal or JSON would change ({@code "}, {@code \}, control
 * characters) so the echo is exactly predictable. A line stays within the terminal's 4095 limit.
 */
public final class TickPayload {
    public static final byte MARKER_START = '#';
    public static final int SEQUENCE_DIGITS = 10;
    /** {@code #} + digits + {@code :} */
    public static final int MARKER_LENGTH = SEQUENCE_DIGITS + 2;
    public static final int MIN_LENGTH = MARKER_LENGTH + 1;
    public static final int MAX_TERMINAL_LINE = 4095;

    static final byte[] FILLER_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!$%'()*+,-./:;=?@[]^_{|}".getBytes();

    private final byte[] filler;

    /** Random filler shared by every stream of an engine; one array, read only. */
    public TickPayload(int payloadLength) {
        if (payloadLength < MIN_LENGTH) {
            throw new IllegalArgumentException("bytes per tick must be at least " + MIN_LENGTH + ", got " + payloadLength);
        }
        SecureRandom random = new SecureRandom();
        filler = new byte[payloadLength];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = FILLER_ALPHABET[random.nextInt(FILLER_ALPHABET.length)];
        }
        filler[payloadLength - 1] = '\n';
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
