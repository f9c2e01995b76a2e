package dev.scaletest.reports;

import dev.scaletest.errors.ErrorClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts errors by class while a test runs; safe to call from every run's threads. */
public final class ErrorTallies {
    private final Map<ErrorClass, ErrorTally> byClass = new EnumMap<>(ErrorClass.class);

    /** Counts one error; the first of each class keeps its message and run id as the example. */
    public synchronized void record(ErrorClass errorClass, String runFullId, String message) {
        byClass.merge(
                errorClass,
                new ErrorTally(errorClass, 1, message, runFullId),
                (first, next) -> new ErrorTally(errorClass, first.count() + 1, first.example(), first.firstRun()));
    }

    /** The tallies so far, most frequent first (ties in {@link ErrorClass} order). */
    public synchronized List<ErrorTally> snapshot() {
        return byMostFrequent(byClass.values());
    }

    /** Every error counted so far, of any class. */
    public synchronized long total() {
        return byClass.values().stream().mapToLong(ErrorTally::count).sum();
    }

    static List<ErrorTally> byMostFrequent(java.util.Collection<ErrorTally> tallies) {
        List<ErrorTally> out = new ArrayList<>(tallies);
        out.sort(java.util.Comparator.comparingLong(ErrorTally::count).reversed()
                .thenComparing(ErrorTally::errorClass));
        return out;
    }
}
