package dev.scaletest.traffic;

import java.nio.ByteBuffer;

/**
 * Finds tick echoes in what a stream reads back. Each echo is a marker ({@code #<digits>:}), then a
 * body of known length ending in {@code \n}; the body is skipped by counting, not scanned, so the
 * cost per chunk does not grow with the bytes read. Anything else (prompts, {@code ^C}, output a
 * reconnecting terminal replays) is passed over until the next {@code #}. Single-threaded: the
 * transport calls it from one I/O thread at a time.
 */
final class EchoTracker {
    /** What the tracker found. */
    interface Sink {
        void echoed(long sequence);

        void mismatch(String detail);
    }

    private enum State { SCAN, MARKER, BODY }

    private final int echoLength;
    private final Sink sink;
    private State state = State.SCAN;
    private int markerBytes;
    private long sequence;
    private int bodyRemaining;

    EchoTracker(int echoLength, Sink sink) {
        this.echoLength = echoLength;
        this.sink = sink;
    }

    /** Forgets a half-read echo, e.g. after a reconnect. */
    void reset() {
        state = State.SCAN;
    }

    void accept(ByteBuffer data) {
        int pos = data.position();
        int limit = data.limit();
        while (pos < limit) {
            switch (state) {
                case SCAN -> {
                    while (pos < limit && data.get(pos) != TickPayload.MARKER_START) {
                        pos++;
                    }
                    if (pos < limit) {
                        pos++;
                        state = State.MARKER;
                        markerBytes = 1;
                        sequence = 0;
                    }
                }
                case MARKER -> {
                    byte b = data.get(pos++);
                    if (markerBytes <= TickPayload.SEQUENCE_DIGITS) {
                        if (b < '0' || b > '9') {
                            state = b == TickPayload.MARKER_START ? restartMarker() : State.SCAN;
                            continue;
                        }
                        sequence = sequence * 10 + (b - '0');
                        markerBytes++;
                    } else if (b == ':') {
                        state = State.BODY;
                        bodyRemaining = echoLength - TickPayload.MARKER_LENGTH;
                    } else {
                        state = State.SCAN;
                    }
                }
                case BODY -> {
                    int take = Math.min(bodyRemaining, limit - pos);
                    pos += take;
                    bodyRemaining -= take;
                    if (bodyRemaining == 0) {
                        state = State.SCAN;
                        if (data.get(pos - 1) == '\n') {
                            sink.echoed(sequence);
                        } else {
                            sink.mismatch("echo of tick " + sequence + " did not end where expected (byte "
                                    + (data.get(pos - 1) & 0xff) + " instead of a newline)");
                        }
                    }
                }
            }
        }
        data.position(limit);
    }

    private State restartMarker() {
        markerBytes = 1;
        sequence = 0;
        return State.MARKER;
    }
}
