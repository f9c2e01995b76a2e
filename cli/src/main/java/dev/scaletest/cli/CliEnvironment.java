package dev.scaletest.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command reads from the process around it, passed in so tests need no real environment:
 * environment variables, the clock (run ids), the home directory (Coder's config dir,
 * {@code ~/.ssh/known_hosts}) and whether stderr is a terminal (progress bars).
 */
public record CliEnvironment(Map<String, String> variables, Clock clock, Path home, boolean stderrIsTerminal) {

    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(home, "home");
    }

    /**
     * The real process. Java cannot ask whether stderr alone is a terminal; a console (stdin and
     * stdout on a terminal) on a terminal type other than "dumb" is the closest it can tell.
     */
    public static CliEnvironment system() {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new CliEnvironment(System.getenv(), Clock.systemUTC(), Path.of(System.getProperty("user.home")), terminal);
    }

    public String variable(String name) {
        return variables.get(name);
    }

    /** Where {@code coder login} keeps {@code url} and {@code session}: $XDG_CONFIG_HOME/coderv2 or ~/.config/coderv2. */
    public Path defaultCoderConfigDir() {
        String xdg = variables.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("coderv2");
    }
}
