package dev.scaletest.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * An exec channel without PTY that reports the server's answer to the "exec" request (sent with
 * want-reply, see {@link SharedSshClient}) and can send a "signal" request.
 */
final class ExecChannel extends ChannelExec {
    private final CompletableFuture<Boolean> execReply = new CompletableFuture<>();

    ExecChannel(String command) {
        super(command, StandardCharsets.UTF_8, new PtyChannelConfiguration(), Map.of());
        setUsePty(false);
    }

    /** Completes with true when the server accepted the command, false when it refused it. */
    CompletableFuture<Boolean> execReply() {
        return execReply;
    }

    @Override
    public void handleSuccess() throws IOException {
        super.handleSuccess();
        execReply.complete(Boolean.TRUE);
    }

    @Override
    public void handleFailure() throws IOException {
        execReply.complete(Boolean.FALSE);
        super.handleFailure();
    }

    /** Sends the RFC 4254 §6.9 "signal" request (signal name without "SIG"), no reply wanted. */
    void sendSignal(String name) throws IOException {
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, name.length() + 32);
        buffer.putUInt(getRecipient());
        buffer.putString("signal");
        buffer.putBoolean(false);
        buffer.putString(name);
        writePacket(buffer);
    }
}
