package dev.scaletest.web;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link WsClientStats}, updated from I/O threads without contention. */
final class WsCounters {
    final AtomicInteger open = new AtomicInteger();
    final LongAdder opened = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();

    void sessionOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    void sent(int bytes) {
        messagesSent.increment();
        bytesSent.add(bytes);
    }

    void sent(int messages, long bytes) {
        messagesSent.add(messages);
        bytesSent.add(bytes);
    }

    void received(int bytes) {
        messagesReceived.increment();
        bytesReceived.add(bytes);
    }

    /** UTF-8 size of a received text message, without encoding it. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    WsClientStats snapshot() {
        return new WsClientStats(open.get(), opened.sum(), connectFailures.sum(), messagesSent.sum(),
                bytesSent.sum(), messagesReceived.sum(), bytesReceived.sum());
    }
}
