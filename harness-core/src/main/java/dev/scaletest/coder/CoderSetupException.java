package dev.scaletest.coder;

/**
 * A check before any run starts failed: the caller is not a site owner, the template does not
 * exist. The message is the one Coder's tool prints.
 */
public final class CoderSetupException extends Exception {
    public CoderSetupException(String message) {
        super(message);
    }
}
