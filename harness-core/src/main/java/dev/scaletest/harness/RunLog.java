package dev.scaletest.harness;

/**
 * The log of one run: everything a runner writes ends up in the run's result. Thread-safe, because
 * a runner may log from several threads (reader and writer of a stream, say).
 */
public final class RunLog {
    private final StringBuilder text = new StringBuilder();

    public synchronized RunLog print(String s) {
        text.append(s);
        return this;
    }

    public RunLog println(String s) {
        return print(s + "\n");
    }

    public RunLog printf(String format, Object... args) {
        return print(String.format(format, args));
    }

    public synchronized String text() {
        return text.toString();
    }
}
