package dev.scaletest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostPortTest {

    private static String problem(String text, boolean hostRequired, int lowestPort) {
        return assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text, hostRequired, lowestPort)).getMessage();
    }

    @Test
    void hostAndPort() {
        assertEquals(new HostPort("0.0.0.0", 21112), HostPort.parse("0.0.0.0:21112", true, 0));
        assertEquals(new HostPort("::1", 9000), HostPort.parse("[::1]:9000", true, 0));
        assertEquals(new HostPort("coder.example.com", 22), HostPort.parse(" coder.example.com:22 ", true, 1));
        assertEquals("[::1]:9000", HostPort.parse("[::1]:9000", true, 0).toString());
    }

    @Test
    void anEmptyHostIsEveryInterfaceWhereAllowed() {
        assertEquals(new HostPort("", 0), HostPort.parse(":0", false, 0));
        assertTrue(HostPort.parse(":21112", false, 0).socketAddress().getAddress().isAnyLocalAddress());
        assertEquals("must be host:port, got \":22\"", problem(":22", true, 1));
    }

    @Test
    void malformedAddressesSayWhatIsExpected() {
        assertEquals("must be host:port, got \"3000\"", problem("3000", true, 0));
        assertEquals("must be host:port, got \"host:\"", problem("host:", true, 0));
        assertEquals("must be host:port, got \"::1:3000\"", problem("::1:3000", true, 0));
    }

    @Test
    void portsOutOfRangeOrNotNumbers() {
        assertEquals("has an invalid port: \"host:99999\"", problem("host:99999", true, 0));
        assertEquals("has an invalid port: \"0.0.0.0:x\"", problem("0.0.0.0:x", false, 0));
        assertEquals("has an invalid port: \"h:0\"", problem("h:0", true, 1));
        assertEquals(new HostPort("h", 0), HostPort.parse("h:0", true, 0));
    }
}
