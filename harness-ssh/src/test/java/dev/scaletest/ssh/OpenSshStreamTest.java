package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.EchoCommand;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real dd through a real OpenSSH sshd, directly and through a proxy command. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSshStreamTest {
    @RegisterExtension
    static final RealSshd SSH = new RealSshd();

    private SshTransport.Builder transport() throws Exception {
        return SshTransport.builder(SSH.client())
                .user(SSH.server().user())
                .credentials(SshCredentials.none().withKeyFile(SSH.server().clientKey()))
                .command(EchoCommand.dd(4096, true))
                .connectTimeout(WAIT);
    }

    /** Relays stdin/stdout to the sshd port with bash alone, like {@code nc} would. */
    private String relayCommand() {
        return "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + SSH.server().port() + "; cat <&3 & exec cat >&3'";
    }

    @Test
    void realDdEchoesBytesExactlyOverDirectConnection() throws Exception {
        Path knownHosts = TestSshServer.knownHosts(SSH.dir(), SSH.server().knownHostsLine("127.0.0.1", SSH.server().port()));
        SshTransport transport = transport().direct("127.0.0.1", SSH.server().port())
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamChecks.echoAndFinish(stream, listener, 200_000, 11);
    }

    @Test
    void realDdEchoesBytesExactlyThroughProxyCommand() throws Exception {
        // The key is listed under the workspace name, as for `coder ssh --stdio <workspace>`.
        Path knownHosts = TestSshServer.knownHosts(SSH.dir(), SSH.server().knownHostsLine("coder.ws-1", 22));
        SshTransport transport = transport()
                .route(SshRoute.proxyCommand(relayCommand() + " # {workspace}", "coder.ws-1"))
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build();
        assertEquals("ssh " + SSH.server().user() + "@coder.ws-1 via proxy command", transport.describe());
        for (int round = 0; round < 2; round++) {
            RecordingListener listener = new RecordingListener();
            StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            StreamChecks.echoAndFinish(stream, listener, 100_000, 20 + round);
        }
    }

    @Test
    void proxyCommandThatFailsIsConnectFailureWithItsStderr() throws Exception {
        SshTransport transport = transport()
                .route(SshRoute.proxyCommand("echo 'workspace {workspace} not found' >&2; exit 3", "ws-404"))
                .hostKeys(HostKeyPolicy.acceptAny()).build();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.open(new RecordingListener()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        StreamFailure failure = assertInstanceOf(StreamFailure.class, e.getCause());
        assertEquals(ErrorClass.CONNECT, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith(SSH.server().user() + "@ws-404 via proxy command: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("workspace ws-404 not found"), failure.getMessage());
        assertTrue(failure.getMessage().contains("status 3"), failure.getMessage());
    }

    @Test
    void keyNotAuthorizedIsAuthFailure() throws Exception {
        SshTransport transport = SshTransport.builder(SSH.client()).user(SSH.server().user())
                .direct("127.0.0.1", SSH.server().port())
                .credentials(SshCredentials.password("not-accepted"))
                .hostKeys(HostKeyPolicy.acceptAny())
                .command(EchoCommand.dd(4096, true)).connectTimeout(WAIT).build();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.open(new RecordingListener()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        StreamFailure failure = assertInstanceOf(StreamFailure.class, e.getCause());
        assertEquals(ErrorClass.AUTH, failure.errorClass(), failure.getMessage());
    }

    @Test
    void ecdsaAndRsaKeyFilesFromSshKeygenAuthenticate() throws Exception {
        for (String type : java.util.List.of("ecdsa", "rsa")) {
            SshTransport transport = SshTransport.builder(SSH.client()).user(SSH.server().user())
                    .direct("127.0.0.1", SSH.server().port())
                    .credentials(SshCredentials.none().withKeyFile(SSH.server().clientKey(type)))
                    .hostKeys(HostKeyPolicy.acceptAny())
                    .command(EchoCommand.dd(512, true)).connectTimeout(WAIT).build();
            RecordingListener listener = new RecordingListener();
            StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            StreamChecks.echoAndFinish(stream, listener, 3_000, type.length());
        }
    }
}
