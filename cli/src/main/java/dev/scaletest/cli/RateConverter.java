package dev.scaletest.cli;

import dev.scaletest.harness.ArrivalRate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --rate}: starts per second in {@link ArrivalRate#parsePerSecond}'s grammar ({@code 50/s}, {@code 50}, {@code 600/m}, {@code 1800/h}). */
public final class RateConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        try {
            return ArrivalRate.parsePerSecond(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
