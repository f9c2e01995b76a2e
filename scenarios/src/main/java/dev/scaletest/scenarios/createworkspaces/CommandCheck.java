package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.scenarios.ConfigException;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code --run-command}: a command run in each new workspace through the web terminal
 * (reconnecting PTY). It passes when it ends within {@code timeout} (or, with
 * {@code expectTimeout}, when it does not) and, if {@code expectOutput} is not empty, when one
 * output line contains it.
 */
public record CommandCheck(String command, Duration timeout, boolean expectTimeout, String expectOutput, boolean logOutput) {

    public CommandCheck {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(expectOutput, "expectOutput");
    }

    public void validate() {
        if (command.isBlank()) {
            throw new ConfigException("--run-command must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("--run-timeout must be greater than 0");
        }
    }
}
