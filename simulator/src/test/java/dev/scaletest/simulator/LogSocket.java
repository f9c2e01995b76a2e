package dev.scaletest.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A build-log WebSocket client as Coder's CLI opens it: cookie auth, text frames, waits for the close. */
final class LogSocket implements WebSocket.Listener {
    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    volatile long closedAt;

    static LogSocket open(URI base, String token, String pathAndQuery) throws Exception {
        LogSocket socket = new LogSocket();
        URI uri = URI.create("ws://" + base.getAuthority() + pathAndQuery);
        HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Cookie", "coder_session_token=" + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, socket)
                .get(10, TimeUnit.SECONDS);
        return socket;
    }

    int awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            arrivals.add(System.nanoTime());
            partial.setLength(0);
            firstFrame.complete(null);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedAt = System.nanoTime();
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
