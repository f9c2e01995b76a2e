package dev.scaletest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.wire.CoderUrls;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Follows a workspace build's logs over {@code /api/v2/workspacebuilds/<id>/logs?follow}: each text
 * message is one JSON log; coderd closes normally once the job finished and every log was sent.
 * Each call names the identity it follows as (the build's user, as Coder's tool does), so one
 * follower serves every run.
 */
public final class BuildLogFollower {

    private final WsClient client;
    private final Duration connectTimeout;
    private final ObjectMapper json = new ObjectMapper();

    public BuildLogFollower(WsClient client, Duration connectTimeout) {
        this.client = client;
        this.connectTimeout = connectTimeout;
    }

    public BuildLogFollower(WsClient client) {
        this(client, WsRequest.DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Streams the logs with id greater than {@code after} to {@code onLine} (on the I/O thread, in
     * order), authenticated as {@code as} (its session cookie and {@code --header} headers). The
     * future completes when the server closed normally, or exceptionally with a
     * {@link StreamFailure}. Completing or cancelling the future from outside (e.g. {@code orTimeout})
     * drops the connection.
     */
    public CompletableFuture<Void> follow(CoderEndpoint as, UUID buildId, long after, Consumer<BuildLogLine> onLine) {
        WsRequest request = WsRequest.toApi(CoderUrls.buildLogs(as.url(), buildId, after), as, connectTimeout);
        LogStream stream = new LogStream(request.target(), onLine);
        client.connect(request, stream).whenComplete((session, failure) -> {
            if (failure != null) {
                stream.done.completeExceptionally(failure);
            } else {
                stream.attach(session);
            }
        });
        return stream.done;
    }

    private final class LogStream implements WsHandler {
        private final String target;
        private final Consumer<BuildLogLine> onLine;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        LogStream(String target, Consumer<BuildLogLine> onLine) {
            this.target = target;
            this.onLine = onLine;
        }

        void attach(WsSession session) {
            done.whenComplete((ok, failure) -> session.abort());
        }

        @Override
        public void onText(String text) {
            if (done.isDone()) {
                return;
            }
            BuildLogLine line;
            try {
                JsonNode node = json.readTree(text);
                line = new BuildLogLine(node.path("id").asLong(), node.path("created_at").asText(""),
                        node.path("log_source").asText(""), node.path("log_level").asText(""),
                        node.path("stage").asText(""), node.path("output").asText(""));
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(new StreamFailure(ErrorClass.OTHER,
                        "build log from " + target + " is not a JSON log: " + e.getMessage(), e));
                return;
            }
            onLine.accept(line);
        }

        @Override
        public void onBinary(ByteBuffer data) {
            done.completeExceptionally(new StreamFailure(ErrorClass.OTHER,
                    "unexpected binary message of " + data.remaining() + " bytes on " + target));
        }

        @Override
        public void onClosed(StreamFailure failure) {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }
}
