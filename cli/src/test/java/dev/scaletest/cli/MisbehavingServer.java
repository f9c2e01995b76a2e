package dev.scaletest.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint that is not a Coder deployment: it answers every request with one fixed
 * reply (a proxy's HTML login page, a body of the wrong type, a closed connection) and records
 * each request line, so a test can tell whether anything was ever POSTed to it.
 */
final class MisbehavingServer implements AutoCloseable {

    /** How the server answers. */
    enum Reply {
        /** Records the request and says nothing more: the client must not get this far. */
        NOTHING_EXPECTED("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n", "no request was expected"),
        HTML_LOGIN_PAGE("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n",
                "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/oauth2/start\"></form></body></html>"),
        HTML_NOT_FOUND("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n", "<html><body><h1>404 Not Found</h1></body></html>"),
        PLAIN_TEXT("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", "ok"),
        JSON_AS_OCTETS("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n", "\u0000\u0001\u0002 not json"),
        REDIRECT_TO_LOGIN("HTTP/1.1 302 Found\r\nLocation: /login?next=/api/v2\r\nContent-Type: text/html\r\n", "<a href=\"/login\">Found</a>"),
        CLOSE_AT_ONCE(null, null),
        /** Nothing listens on the port: the connection is refused. */
        NOT_LISTENING(null, null);

        private final String head;
        private final String body;

        Reply(String head, String body) {
            this.head = head;
            this.body = body;
        }
    }

    private final ServerSocket socket;
    private final Reply reply;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    MisbehavingServer(Reply reply) throws IOException {
        this.reply = reply;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (reply == Reply.NOT_LISTENING) {
            // the port was free a moment ago and nobody else binds loopback ports here
            socket.close();
        }
        this.acceptor = Thread.ofVirtual().start(this::acceptAll);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    boolean sawPost() {
        return requestLines.stream().anyMatch(line -> !line.startsWith("GET ") && !line.startsWith("HEAD "));
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> answer(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine != null) {
                requestLines.add(requestLine);
            }
            if (reply.head == null) {
                return;
            }
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // the headers are read so the reply does not race a request still being written
            }
            byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = connection.getOutputStream();
            out.write((reply.head + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // the client hung up first; the request line is recorded already
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
