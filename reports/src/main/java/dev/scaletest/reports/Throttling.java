package dev.scaletest.reports;

import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How coderd's rate limits slowed the runs down: per route (e.g. {@code POST /users/login}), the
 * 429 answers received and the milliseconds spent waiting them out. The totals are the routes'
 * sums, so adding reports adds them exactly.
 */
public record Throttling(SortedMap<String, Route> routes) {

    /** One route's 429 answers and the time waited on them. */
    public record Route(long responses, long waitMs) {
        public Route plus(Route other) {
            return new Route(responses + other.responses, waitMs + other.waitMs);
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
