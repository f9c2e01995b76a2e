package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.SimulatorStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One reconnecting PTY: a simulated process behind a line discipline, its recent output, and the
 * WebSockets attached to it. It outlives its WebSockets until the process ends or it has been
 * detached for too long. Every method runs on the session's event loop ({@link #execute}).
 */
final class PtySession implements LineDiscipline.Echo, TerminalProgram.Io {

    private final PtySessions.Key key;
    private final PtySessions registry;
    private final EventLoop loop;
    private final SimulatorStats stats;
    private final TerminalOptions options;
    private final TerminalProgram program;
    private final LineDiscipline discipline;
    private final ReplayBuffer replay;
    private final List<Channel> attached = new ArrayList<>(1);
    private ByteBuf pending;
    private boolean started;
    private boolean exited;
    private boolean ended;
    private ScheduledFuture<?> expiry;
    /** Reused so a read burst does not allocate a task to flush. */
    final Runnable flushTask = this::flush;

    PtySession(PtySessions.Key key, PtySessions registry, EventLoop loop, TerminalProgram program,
            TerminalOptions options, SimulatorStats stats) {
        this.key = key;
        this.registry = registry;
        this.loop = loop;
        this.program = program;
        this.options = options;
        this.stats = stats;
        this.discipline = new LineDiscipline(this, program);
        this.replay = new ReplayBuffer(options.replayBytes());
    }

    EventLoop loop() {
        return loop;
    }

    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Attaches a WebSocket: replays what the process printed so far, then it gets live output. */
    boolean attach(Channel channel) {
        if (ended) {
            return false;
        }
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        if (replay.size() > 0) {
            ByteBuf replayed = channel.alloc().ioBuffer(replay.size());
            replay.copyTo(replayed);
            stats.bytesEchoed.add(replayed.readableBytes());
            channel.write(new BinaryWebSocketFrame(replayed));
        }
        attached.add(channel);
        if (!started) {
            started = true;
            program.start(this);
        }
        flush();
        return true;
    }

    void detach(Channel channel) {
        if (!attached.remove(channel) || ended || !attached.isEmpty()) {
            return;
        }
        expiry = loop.schedule(this::expire, options.detachedTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Keystrokes from a client. */
    void input(byte[] bytes, int length) {
        int at = 0;
        while (at < length && !exited && !ended) {
            at = discipline.receive(bytes, at, length);
        }
    }

    void resize(int height, int width) {
        // A resize changes nothing a dd, a scripted command or the simulated prompt prints.
    }

    /** Sends the output gathered since the last flush; closes the WebSockets once the process ended. */
    void flush() {
        if (pending != null && pending.isReadable()) {
            ByteBuf out = pending;
            pending = null;
            int size = out.readableBytes();
            replay.append(out, out.readerIndex(), size);
            for (Channel channel : attached) {
                // A client that stops reading gets no more output, as when a pty's buffer is full.
                if (channel.isWritable()) {
                    stats.bytesEchoed.add(size);
                    channel.writeAndFlush(new BinaryWebSocketFrame(out.retainedDuplicate()), channel.voidPromise());
                }
            }
            out.release();
        } else {
            for (Channel channel : attached) {
                channel.flush();
            }
        }
        if (exited && !ended) {
            end();
            for (Channel channel : attached) {
                channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            attached.clear();
        }
    }

    @Override
    public void echo(byte[] bytes, int offset, int length) {
        pending().writeBytes(bytes, offset, length);
    }

    @Override
    public void echo(byte b) {
        pending().writeByte(b);
    }

    @Override
    public void print(byte[] bytes, int offset, int length) {
        ByteBuf out = pending();
        int runStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                out.writeBytes(bytes, runStart, i - runStart);
                out.writeByte('\r').writeByte('\n');
                runStart = i + 1;
            }
        }
        out.writeBytes(bytes, runStart, end - runStart);
    }

    @Override
    public void print(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        print(bytes, 0, bytes.length);
    }

    @Override
    public void exit(int status) {
        exited = true;
    }

    private ByteBuf pending() {
        if (pending == null) {
            pending = ByteBufAllocator.DEFAULT.ioBuffer(2048);
        }
        return pending;
    }

    private void expire() {
        expiry = null;
        if (attached.isEmpty() && !ended) {
            end();
        }
    }

    private void end() {
        ended = true;
        registry.remove(key, this);
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
