package dev.scaletest.cli;

import dev.scaletest.harness.GoDuration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Duration flags in Go syntax ({@code 300ms}, {@code 1m30s}, {@code 0}), as Coder's CLI takes them. */
public final class GoDurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (use Go syntax such as 500ms, 30s, 5m, 1h30m)");
        }
    }
}
