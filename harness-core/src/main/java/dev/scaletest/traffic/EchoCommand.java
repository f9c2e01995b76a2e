package dev.scaletest.traffic;

/**
 * The command a traffic stream runs in the workspace, as Coder's traffic test runs it:
 * {@code dd if=/dev/stdin of=<out> bs=<bytes per tick> status=none}. Over SSH there is no terminal,
 * so dd writes its input back ({@code echo}, out {@code /dev/stdout}); through the web terminal the
 * terminal echoes every byte itself and dd only consumes them (out {@code /dev/null}).
 */
public final class EchoCommand {

    private EchoCommand() {
    }

    /**
     * @param bytesPerTick dd's block size, one tick; its bounds are {@link TickPayload}'s
     * @param echo         dd writes what it reads back; false when a terminal echoes instead
     */
    public static String dd(int bytesPerTick, boolean echo) {
        TickPayload.requireLength(bytesPerTick, false);
        return "dd if=/dev/stdin of=" + (echo ? "/dev/stdout" : "/dev/null") + " bs=" + bytesPerTick + " status=none";
    }
}
