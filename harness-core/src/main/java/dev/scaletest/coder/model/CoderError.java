package dev.scaletest.coder.model;

import java.util.List;

/** Coder's error body: a sentence, an optional debug detail and per-field validations. */
@ApiDefinition("codersdk.Response")
public record CoderError(String message, String detail, List<Validation> validations) {

    @ApiDefinition("codersdk.ValidationError")
    public record Validation(String field, String detail) {}

    public CoderError {
        message = message == null ? "" : message;
        detail = detail == null ? "" : detail;
        validations = validations == null ? List.of() : List.copyOf(validations);
    }
}
