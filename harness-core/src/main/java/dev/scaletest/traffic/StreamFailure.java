package dev.scaletest.traffic;

/** A transport-level failure with its class and a one-line detail naming the endpoint. */
public final class StreamFailure extends Exception {
    private final ErrorClass errorClass;

    public StreamFailure(ErrorClass errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    public StreamFailure(ErrorClass errorClass, String message) {
        this(errorClass, message, null);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }
}
