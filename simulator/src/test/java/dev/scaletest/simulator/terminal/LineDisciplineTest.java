package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDisciplineTest {
    private final ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private final TerminalProgram reader = new TerminalProgram() {
        @Override
        public void start(Io io) {}

        @Override
        public void line(byte[] line, int length, boolean newline) {
            lines.add(new String(line, 0, length, StandardCharsets.UTF_8) + (newline ? "\n" : ""));
        }

        @Override
        public void interrupt() {
            events.add("interrupt");
        }

        @Override
        public void endOfInput() {
            events.add("eof");
        }
    };

    private final LineDiscipline tty = new LineDiscipline(new LineDiscipline.Echo() {
        @Override
        public void echo(byte[] bytes, int offset, int length) {
            echoed.write(bytes, offset, length);
        }

        @Override
        public void echo(byte b) {
            echoed.write(b);
        }
    }, reader);

    private void type(String keys) {
        byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at < bytes.length) {
            at = tty.receive(bytes, at, bytes.length);
        }
    }

    private String echo() {
        return echoed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void carriageReturnEndsALineLikeNewline() {
        type("ab\rcd\n");
        assertEquals(List.of("ab\n", "cd\n"), lines);
        assertEquals("ab\r\ncd\r\n", echo());
    }

    @Test
    void killAndWordEraseRubOutWhatTheyRemove() {
        type("one two\u0017three\u0015four\n");
        assertEquals(List.of("four\n"), lines);
        assertEquals("one two\b \b\b \b\b \bthree" + "\b \b".repeat(9) + "four\r\n", echo());
    }

    @Test
    void ctrlDFlushesAPartialLineAndSignalsEndOfInputOnAnEmptyOne() {
        type("abc\u0004\u0004");
        assertEquals(List.of("abc"), lines);
        assertEquals(List.of("eof"), events);
        assertEquals("abc", echo());
    }

    @Test
    void ctrlCDropsThePendingLineAndInterrupts() {
        type("abc\u0003");
        assertEquals(List.of(), lines);
        assertEquals(List.of("interrupt"), events);
        assertEquals("abc^C\r\n", echo());
    }

    @Test
    void lineLimitAppliesAcrossSeparateWrites() {
        type("x".repeat(3000));
        type("y".repeat(3000) + "\n");
        assertEquals(List.of("x".repeat(3000) + "y".repeat(1095) + "\n"), lines);
        assertEquals(6002, echoed.size());
    }

    @Test
    void utf8PassesThroughUnchanged() {
        type("grüße ✓\n");
        assertEquals(List.of("grüße ✓\n"), lines);
        assertEquals("grüße ✓\r\n", echo());
    }
}
