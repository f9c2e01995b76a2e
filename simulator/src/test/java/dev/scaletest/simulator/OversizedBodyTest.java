package dev.scaletest.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client still sending a body the simulator has refused gets to read the 413: the server
 * half-closes and drains before it closes, as Go's net/http does, instead of closing at once
 * (which answers the client's next bytes with a reset that discards the unread response).
 */
class OversizedBodyTest {
    private static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Timeout(30)
    void clientStillSendingReadsThe413() throws Exception {
        URI url = server.url();
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            int total = 8 * chunk.length; // 2 MiB, twice the limit
            out.write(("POST /api/v2/users HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nCoder-Session-Token: "
                    + server.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + total + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 6; i++) {
                out.write(chunk);
            }
            out.flush();
            Thread.sleep(200); // the server has refused the body and answered by now
            out.write(chunk); // more of the refused body arrives after the answer
            out.flush();
            Thread.sleep(100);
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(response.equals("HTTP/1.1 413"), "response starts with: " + response);
        }
    }
}
