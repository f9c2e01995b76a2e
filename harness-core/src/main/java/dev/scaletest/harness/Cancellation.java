package dev.scaletest.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot cancellation of one phase. Listeners run once, on the thread that cancels; a listener
 * added after cancellation runs at once on the adding thread.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    /** Cancels; returns false when it was already cancelled. */
    public boolean cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
        return true;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers a listener; closing the returned handle removes it again. */
    public Registration onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return () -> {
                    synchronized (this) {
                        listeners.remove(listener);
                    }
                };
            }
        }
        listener.run();
        return () -> {};
    }

    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
