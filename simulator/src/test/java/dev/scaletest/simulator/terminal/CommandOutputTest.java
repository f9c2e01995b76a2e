package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandOutputTest {

    @Test
    void echoPrintsItsWordsAndExits() {
        assertEquals(List.of("hi"), CommandOutput.simulated("echo hi").lines());
        assertEquals(List.of("hello world"), CommandOutput.simulated("echo   'hello'  \"world\"").lines());
        assertEquals(List.of(""), CommandOutput.simulated("echo").lines());
        assertFalse(CommandOutput.simulated("echo hi").keepsRunning());
    }

    @Test
    void anyOtherCommandNamesItself() {
        assertEquals(List.of("uptime: simulated"), CommandOutput.simulated("uptime").lines());
        assertEquals(List.of("echoes: simulated"), CommandOutput.simulated("echoes").lines());
    }
}
