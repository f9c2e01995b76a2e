package dev.scaletest.reports;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adds up coderd's 429 answers, the pauses waiting them out, retried failures and creates found
 * existing while a test runs; safe from every run's threads.
 */
public final class ThrottleTallies {
    private final SortedMap<String, Throttling.Route> byRoute = new TreeMap<>();

    /** One 429 answer on {@code route}. */
    public synchronized void response(String route) {
        byRoute.merge(route, new Throttling.Route(1, 0), Throttling.Route::plus);
    }

    /** One pause of {@code pause} on {@code route}, counted in whole milliseconds (rounded). */
    public synchronized void waited(String route, Duration pause) {
        long ms = (pause.toNanos() + 500_000) / 1_000_000;
        byRoute.merge(route, new Throttling.Route(0, ms), Throttling.Route::plus);
    }

    /** One failed call on {@code route} sent again. */
    public synchronized void retried(String route) {
        byRoute.merge(route, new Throttling.Route(0, 0, 1, 0), Throttling.Route::plus);
    }

    /** One creating call on {@code route} whose lost answer was made good by finding the resource. */
    public synchronized void foundExisting(String route) {
        byRoute.merge(route, new Throttling.Route(0, 0, 0, 1), Throttling.Route::plus);
    }

    public synchronized Throttling snapshot() {
        return new Throttling(byRoute);
    }
}
