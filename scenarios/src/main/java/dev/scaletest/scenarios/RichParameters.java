package dev.scaletest.scenarios;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Template parameter values given on the command line ({@code --parameter name=value}) and read from
 * {@code --rich-parameter-file}. Flags win over the file; template defaults fill the rest at run time.
 */
public record RichParameters(Map<String, String> fromFlags, Optional<Path> file, Map<String, String> fromFile) {

    public static final RichParameters NONE = new RichParameters(Map.of(), Optional.empty(), Map.of());

    public RichParameters {
        fromFlags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fromFlags, "fromFlags")));
        Objects.requireNonNull(file, "file");
        fromFile = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fromFile, "fromFile")));
    }

    /** File values overridden by flag values, in file order then new flag names. */
    public Map<String, String> merged() {
        Map<String, String> values = new LinkedHashMap<>(fromFile);
        values.putAll(fromFlags);
        return Collections.unmodifiableMap(values);
    }
}
