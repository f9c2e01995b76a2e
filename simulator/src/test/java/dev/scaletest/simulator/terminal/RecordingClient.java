package dev.scaletest.simulator.terminal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client that records everything the server sends and how the connection ended. */
public final class RecordingClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    /** Close status code, or -1 when the connection broke without a close frame. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket webSocket;

    public static RecordingClient connect(URI uri) throws Exception {
        RecordingClient client = new RecordingClient();
        client.webSocket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public void sendBinary(String payload) throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
    }

    public void sendText(String payload) throws Exception {
        webSocket.sendText(payload, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends a normal close frame; the server answers with its own. */
    public void closeNormally() throws Exception {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    public synchronized String output() {
        return received.toString(StandardCharsets.UTF_8);
    }

    public synchronized String textOutput() {
        return text.toString();
    }

    public synchronized int outputBytes() {
        return received.size();
    }

    /** Waits until the output satisfies the condition; returns the output. */
    public String awaitOutput(Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (this) {
            while (!condition.test(output())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("output never matched; got: " + output().replace("\r", "\\r").replace("\n", "\\n"));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return output();
        }
    }

    public int awaitClose() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        synchronized (this) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
            notifyAll();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        synchronized (this) {
            text.append(data);
            notifyAll();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (webSocket != null) {
            webSocket.abort();
        }
    }
}
