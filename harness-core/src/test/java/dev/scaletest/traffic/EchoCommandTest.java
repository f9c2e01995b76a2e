package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EchoCommandTest {

    @Test
    void ddMatchesCodersTrafficCommand() {
        assertEquals("dd if=/dev/stdin of=/dev/stdout bs=4096 status=none", EchoCommand.dd(4096, true));
        assertEquals("dd if=/dev/stdin of=/dev/null bs=13 status=none", EchoCommand.dd(13, false));
    }

    @Test
    void aBlockTooShortForATickIsRefusedByTickPayloadsRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EchoCommand.dd(10, false));
        assertEquals("bytes per tick " + TickPayload.lengthProblem(10, false).orElseThrow(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EchoCommand.dd(0, true));
    }
}
