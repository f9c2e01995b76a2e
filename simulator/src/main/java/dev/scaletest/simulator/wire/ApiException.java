package dev.scaletest.simulator.wire;

import java.util.List;

/** A request the simulated coderd refuses: the HTTP status and Coder's error body. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final CoderJson.Response body;

    public ApiException(int status, String message) {
        this(status, message, null, null);
    }

    public ApiException(int status, String message, String detail, List<CoderJson.ValidationError> validations) {
        super(status + " " + message);
        this.status = status;
        this.body = new CoderJson.Response(message, detail, validations == null || validations.isEmpty() ? null : List.copyOf(validations));
    }

    /**
     * coderd's one 404 ({@code httpapi.ResourceNotFound}) for a resource that is missing or that
     * the caller may not read: the same answer for both, so existence does not leak.
     */
    public static ApiException resourceNotFound() {
        return new ApiException(404, "Resource not found or you do not have access to this resource");
    }

    public static ApiException validation(String message, String field, String detail) {
        return new ApiException(400, message, null, List.of(new CoderJson.ValidationError(field, detail)));
    }

    public int status() {
        return status;
    }

    public CoderJson.Response body() {
        return body;
    }
}
