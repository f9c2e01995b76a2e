package dev.scaletest.reports;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts failed runs into the error table. A run's error reaches the results as Coder's text (the
 * message chain), so the class is read from the words Coder's SDK and the JDK use for each cause.
 */
public final class RunFailures {
    private static final Pattern STATUS = Pattern.compile("unexpected status code (\\d{3})");

    private RunFailures() {}

    /** Tallies every failed run of {@code results}, in run order, with its error text as the example. */
    public static void tally(Results results, ErrorTallies into) {
        for (RunResult run : results.runs().values()) {
            if (!run.passed()) {
                into.record(classify(run.error()), run.fullId(), run.error().lines().findFirst().orElse(""));
            }
        }
    }

    public static ErrorClass classify(String error) {
        String text = error.toLowerCase(Locale.ROOT);
        var status = STATUS.matcher(text);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            return code == 401 || code == 403 ? ErrorClass.AUTH : ErrorClass.HTTP_STATUS;
        }
        if (text.contains("deadline exceeded") || text.contains("timed out") || text.contains("timeout")) {
            return ErrorClass.TIMEOUT;
        }
        if (text.contains("build failed") || text.contains("build canceled")) {
            return ErrorClass.BUILD_FAILED;
        }
        if (text.contains("ssl") || text.contains("tls") || text.contains("certificate")) {
            return ErrorClass.TLS;
        }
        if (text.contains("connection refused") || text.contains("connectexception") || text.contains("cannot connect")
                || text.contains("connection reset") || text.contains("unresolved") || text.contains("no route to host")) {
            return ErrorClass.CONNECT;
        }
        return ErrorClass.OTHER;
    }
}
