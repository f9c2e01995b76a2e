package dev.scaletest.harness;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One run's outcome exactly as Coder's harness keeps it. {@code error} is null when the run passed
 * (rendered as {@code "<nil>"}); otherwise the error text with its context.
 */
public record RunResult(
        String fullId,
        String testName,
        String id,
        String logs,
        OffsetDateTime startedAt,
        Duration duration,
        String error) {

    public boolean passed() {
        return error == null;
    }
}
