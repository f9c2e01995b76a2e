package dev.scaletest.web;

import dev.scaletest.coder.CoderEndpoint.Header;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/** One Java-WebSocket connection behind the {@link WsSession} interface. */
final class JavaWsSession extends WebSocketClient implements WsSession {

    private static final ByteBufAllocator HEAP = UnpooledByteBufAllocator.DEFAULT;

    private final WsRequest request;
    private final WsHandler handler;
    private final WsCounters counters;
    private final Consumer<JavaWsSession> forget;
    private final AtomicReference<byte[]> handshakeResponse;
    private final CompletableFuture<WsSession> opened = new CompletableFuture<>();
    private final AtomicBoolean endReported = new AtomicBoolean();
    /** Set once the connect outcome (open or failed) is decided, before {@link #opened} completes. */
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean connectFailed;
    private volatile boolean aborted;
    private volatile Exception firstError;
    private volatile boolean tlsStarted;

    JavaWsSession(WsRequest request, WsHandler handler, WsCounters counters, Consumer<JavaWsSession> forget) {
        this(request, handler, counters, forget, new AtomicReference<>());
    }

    private JavaWsSession(WsRequest request, WsHandler handler, WsCounters counters,
                          Consumer<JavaWsSession> forget, AtomicReference<byte[]> handshakeResponse) {
        super(request.uri(), new HandshakeRecordingDraft(request.maxMessageBytes(), handshakeResponse),
                headerMap(request), (int) Math.min(Integer.MAX_VALUE, request.connectTimeout().toMillis()));
        this.request = request;
        this.handler = handler;
        this.counters = counters;
        this.forget = forget;
        this.handshakeResponse = handshakeResponse;
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
        setDaemon(true);
    }

    private static Map<String, String> headerMap(WsRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : request.headers()) {
            headers.merge(header.name(), header.value(), (a, b) -> a + ", " + b);
        }
        return headers;
    }

    CompletableFuture<WsSession> opened() {
        return opened;
    }

    void failConnect(StreamFailure reason) {
        if (settled.compareAndSet(false, true)) {
            connectFailed = true;
            counters.connectFailures.increment();
            opened.completeExceptionally(reason);
            dropSocket();
        }
    }

    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
        // Called once TCP is connected and before the TLS handshake starts.
        tlsStarted = true;
        if (request.tlsTrust().checksHostName()) {
            super.onSetSSLParameters(parameters);
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        if (settled.compareAndSet(false, true)) {
            counters.sessionOpened();
            opened.complete(this);
        } else {
            // The connect deadline passed first: this session was never handed out.
            endReported.set(true);
            dropSocket();
        }
    }

    @Override
    public void onMessage(String message) {
        counters.received(WsCounters.utf8Length(message));
        handler.onText(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        counters.received(bytes.remaining());
        handler.onBinary(bytes);
    }

    @Override
    public void onError(Exception error) {
        if (firstError == null) {
            firstError = error;
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        forget.accept(this);
        if (!settled.get()) {
            failConnect(connectFailure(code, reason));
            return;
        }
        if (connectFailed || !endReported.compareAndSet(false, true)) {
            return;
        }
        counters.open.decrementAndGet();
        StreamFailure end;
        if (aborted) {
            end = null;
        } else if (firstError != null && code != WsFailures.NORMAL_CLOSURE) {
            end = WsFailures.error(request.target(), firstError);
        } else {
            end = WsFailures.closed(request.target(), code, reason, remote);
        }
        dropSocket();
        handler.onClosed(end);
    }

    private StreamFailure connectFailure(int code, String reason) {
        byte[] response = handshakeResponse.get();
        if (response != null && startsWith(response, "HTTP/")) {
            StreamFailure refused = refusal(response);
            if (refused != null) {
                return refused;
            }
        }
        if (firstError != null && WsFailures.classify(firstError) != ErrorClass.OTHER) {
            return WsFailures.error(request.target(), firstError);
        }
        if (tlsStarted && response == null) {
            // Java-WebSocket does not always report the handshake exception (it races the socket
            // close between its reader and writer threads), but no HTTP response ever came back.
            return new StreamFailure(ErrorClass.TLS, "TLS handshake failed with " + request.target()
                    + (firstError != null ? ": " + firstError.getMessage() : reason.isBlank() ? "" : ": " + reason),
                    firstError);
        }
        if (firstError != null) {
            return WsFailures.error(request.target(), firstError);
        }
        if (code == CloseFrame.NEVER_CONNECTED) {
            return new StreamFailure(ErrorClass.CONNECT, "cannot connect to " + request.target() + ": " + reason);
        }
        return new StreamFailure(ErrorClass.HANDSHAKE_STATUS,
                "websocket upgrade of " + request.target() + " failed: " + reason);
    }

    /** Status line and body of a non-101 upgrade response, or null when it was a 101 after all. */
    private StreamFailure refusal(byte[] response) {
        int headerEnd = indexOf(response, new byte[] {'\r', '\n', '\r', '\n'});
        int lineEnd = indexOf(response, new byte[] {'\r', '\n'});
        if (lineEnd < 0) {
            return null;
        }
        String[] statusLine = new String(response, 0, lineEnd, StandardCharsets.ISO_8859_1).split(" ", 3);
        if (statusLine.length < 2) {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (status == 101) {
            return null;
        }
        byte[] body = headerEnd < 0 ? new byte[0] : Arrays.copyOfRange(response, headerEnd + 4, response.length);
        return WsFailures.handshakeStatus(request.target(), status, statusLine.length > 2 ? statusLine[2] : "", body);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return bytes.length >= prefix.length()
                && new String(bytes, 0, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public ByteBufAllocator alloc() {
        return HEAP;
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuf payload, boolean flush) {
        try {
            int size = payload.readableBytes();
            send(payload.nioBuffer());
            counters.sent(size);
            return CompletableFuture.completedFuture(null);
        } catch (WebsocketNotConnectedException e) {
            return CompletableFuture.failedFuture(new StreamFailure(ErrorClass.WS_CLOSE,
                    "websocket " + request.target() + " is not open", e));
        } finally {
            payload.release();
        }
    }

    @Override
    public boolean writable() {
        return isOpen() && !hasBufferedData();
    }

    @Override
    public void abort() {
        aborted = true;
        if (!settled.get()) {
            failConnect(new StreamFailure(ErrorClass.OTHER, "websocket connect to " + request.target() + " aborted"));
            return;
        }
        closeConnection(CloseFrame.ABNORMAL_CLOSE, "aborted");
        dropSocket();
    }

    private void dropSocket() {
        Socket socket = getSocket();
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone; nothing else holds the socket.
            }
        }
    }
}
