package dev.scaletest.scenarios.prometheus;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series and its current value, as remote write sends it: the labels include {@code __name__}
 * and are kept sorted by name, which the remote-write spec requires of a sender.
 */
public record Sample(SortedMap<String, String> labels, double value) {
    public static final String NAME_LABEL = "__name__";

    public Sample {
        Objects.requireNonNull(labels, "labels");
        if (!labels.containsKey(NAME_LABEL)) {
            throw new IllegalArgumentException("a sample needs a " + NAME_LABEL + " label: " + labels);
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public String name() {
        return labels.get(NAME_LABEL);
    }
}
