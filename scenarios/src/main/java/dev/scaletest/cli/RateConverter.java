package dev.scaletest.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --rate}: starts per second, written {@code 50/s}, {@code 50}, or per minute {@code 600/m}. */
public final class RateConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        String text = value.trim();
        double divisor = 1;
        if (text.endsWith("/s")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("/m")) {
            text = text.substring(0, text.length() - 2);
            divisor = 60;
        }
        double rate;
        try {
            rate = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a rate: write N/s (e.g. 50/s), N or N/m");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new TypeConversionException("'" + value + "' must be a rate greater than 0");
        }
        return rate / divisor;
    }
}
