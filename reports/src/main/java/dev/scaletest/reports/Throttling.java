package dev.scaletest.reports;

import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How coderd slowed the runs down: per route (e.g. {@code POST /users/login}), the 429 answers
 * received and the milliseconds spent waiting them out; the calls sent again after a 5xx or a lost
 * answer ({@code retries}); and the creating calls whose answer was lost but whose user or
 * workspace was found by name instead of being created again ({@code foundExisting}). The totals
 * are the routes' sums, so adding reports adds them exactly.
 */
public record Throttling(SortedMap<String, Route> routes) {

    /** One route's 429 answers, the time waited on them, its retried failures and its creates found existing. */
    public record Route(long responses, long waitMs, long retries, long foundExisting) {
        /** 429s and their waits only. */
        public Route(long responses, long waitMs) {
            this(responses, waitMs, 0, 0);
        }

        public Route plus(Route other) {
            return new Route(responses + other.responses, waitMs + other.waitMs, retries + other.retries,
                    foundExisting + other.foundExisting);
        }
    }

    public static final Throttling NONE = new Throttling(new TreeMap<>());

    public Throttling {
        routes = Collections.unmodifiableSortedMap(new TreeMap<>(routes));
    }

    /** 429 answers over all routes. */
    public long responses() {
        return routes.values().stream().mapToLong(Route::responses).sum();
    }

    /** Failed calls sent again over all routes. */
    public long retries() {
        return routes.values().stream().mapToLong(Route::retries).sum();
    }

    /** Creating calls over all routes whose lost answer was made good by finding the resource by name. */
    public long foundExisting() {
        return routes.values().stream().mapToLong(Route::foundExisting).sum();
    }

    /** Milliseconds waited on 429s over all routes. */
    public long waitMs() {
        return routes.values().stream().mapToLong(Route::waitMs).sum();
    }

    public Throttling plus(Throttling other) {
        SortedMap<String, Route> sum = new TreeMap<>(routes);
        other.routes.forEach((route, r) -> sum.merge(route, r, Route::plus));
        return new Throttling(sum);
    }

    /** The share of {@code runTime} (the runs' durations added up) spent waiting; 0 when it is zero. */
    public double shareOf(Duration runTime) {
        long ms = runTime.toMillis();
        return ms <= 0 ? 0 : (double) waitMs() / ms;
    }
}
