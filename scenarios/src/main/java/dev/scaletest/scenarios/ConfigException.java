package dev.scaletest.scenarios;

/**
 * Bad input: a flag value, a combination of flags, or something only found out at run time that the
 * user must fix (unknown template, rejected token, unreachable URL). The message is one line that
 * names the flag or the thing to fix; the command prints it as {@code scaletest: <message>} and
 * exits with status 2.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
