package dev.scaletest.cli;

import dev.scaletest.cli.progress.ProgressMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --progress auto|plain|json|none}. */
final class ProgressModeConverter implements ITypeConverter<ProgressMode> {

    @Override
    public ProgressMode convert(String value) {
        for (ProgressMode mode : ProgressMode.values()) {
            if (mode.flagValue().equals(value.trim())) {
                return mode;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a progress mode: use auto, plain, json or none");
    }
}
