package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedCommandTest {

    private static SimulatedCommand parse(String line) {
        return SimulatedCommand.parse(line, Map.of());
    }

    @Test
    void ddTakesItsBlockSizeAsDdReadsIt() {
        assertEquals(new SimulatedCommand.Dd(true, 4096), parse("dd if=/dev/stdin of=/dev/stdout bs=4096 status=none"));
        assertEquals(new SimulatedCommand.Dd(false, 2048), parse("dd if=/dev/stdin of=/dev/null bs=2k"));
        assertEquals(new SimulatedCommand.Dd(true, 512), parse("dd if=/dev/stdin of=/dev/stdout"));
        // A read from a pipe never returns more than the pipe holds, however large bs is (and bs must not overflow).
        assertEquals(new SimulatedCommand.Dd(true, 65536), parse("dd if=/dev/stdin of=/dev/stdout bs=9999999999K"));
    }
}
