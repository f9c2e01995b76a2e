package dev.scaletest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NettyClientTransportTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void linuxX64UsesTheBundledEpollLibrary() {
        NettyClientTransport transport = NettyClientTransport.choose(Map.of());
        assertEquals("epoll", transport.name());
        assertEquals(EpollSocketChannel.class, transport.channelType());
        assertEquals(EpollServerSocketChannel.class, transport.serverChannelType());
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void environmentCanAskForIoUringAndFallsBackToEpollWhereTheKernelRefusesIt() {
        NettyClientTransport transport = NettyClientTransport.choose(Map.of(NettyClientTransport.ENV, "io_uring"));
        if (IoUring.isAvailable()) {
            assertEquals("io_uring", transport.name());
            assertEquals(IoUringSocketChannel.class, transport.channelType());
            assertEquals(IoUringServerSocketChannel.class, transport.serverChannelType());
        } else {
            assertEquals("epoll", transport.name());
        }
    }

    @Test
    void environmentCanForceNio() {
        NettyClientTransport transport = NettyClientTransport.choose(Map.of(NettyClientTransport.ENV, "NIO"));
        assertEquals("nio", transport.name());
        assertEquals(NioSocketChannel.class, transport.channelType());
        assertEquals(NioServerSocketChannel.class, transport.serverChannelType());
    }
}
