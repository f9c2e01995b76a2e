package dev.scaletest.harness;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Renders an exception as Coder renders an error in its results: the message chain
 * {@code outer: cause: root}, each part once. Java's habit of copying the cause's {@code toString()}
 * into a wrapper's message would otherwise print the same text twice, with class names.
 */
public final class ErrorChain {
    private static final int MAX_DEPTH = 64;

    private ErrorChain() {}

    public static String render(Throwable error) {
        return render(error, null);
    }

    /**
     * @param interruptReason what interrupted the run ({@code context deadline exceeded} or
     *     {@code context canceled}), written in place of the bare interruption exception that the
     *     harness caused; null when the harness did not interrupt the run
     */
    public static String render(Throwable error, String interruptReason) {
        List<Throwable> chain = chain(error);
        String text = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable current = chain.get(i);
            boolean root = text == null;
            String own = ownText(current, interruptReason, root);
            if (root) {
                text = own;
                continue;
            }
            text = combine(own, chain.get(i + 1), text);
        }
        return text;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t) && chain.size() < MAX_DEPTH; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String ownText(Throwable t, String interruptReason, boolean root) {
        if (interruptReason != null && isInterruption(t)) {
            return interruptReason;
        }
        String message = t.getMessage();
        if (message == null || message.isEmpty()) {
            return root ? t.getClass().getSimpleName() : null;
        }
        return message;
    }

    private static String combine(String own, Throwable cause, String inner) {
        if (own == null || own.equals(inner)) {
            return inner;
        }
        String causeText = cause.toString();
        if (own.equals(causeText)) {
            return inner;
        }
        if (own.endsWith(causeText)) {
            String prefix = own.substring(0, own.length() - causeText.length());
            return prefix.isEmpty() ? inner : prefix + inner;
        }
        if (own.endsWith(": " + inner)) {
            return own;
        }
        return own + ": " + inner;
    }

    static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException
                || t instanceof ClosedByInterruptException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }
}
