package dev.scaletest.traffic;

/** How a workspace returns what a stream writes, so the engine knows how long each tick's echo is. */
public enum EchoShape {
    /** A terminal in canonical mode echoes every byte and turns the closing {@code \n} into {@code \r\n}. */
    TERMINAL(1),
    /** SSH {@code dd of=/dev/stdout} and app echo servers return the bytes unchanged. */
    RAW(0);

    private final int extraBytesPerLine;

    EchoShape(int extraBytesPerLine) {
        this.extraBytesPerLine = extraBytesPerLine;
    }

    public int echoLength(int payloadLength) {
        return payloadLength + extraBytesPerLine;
    }
}
