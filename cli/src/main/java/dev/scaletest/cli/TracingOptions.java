package dev.scaletest.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Coder's tracing flags, accepted so existing scripts keep working; scaletest does not trace. */
public final class TracingOptions {

    @Option(names = "--trace", descriptionKey = "CODER_SCALETEST_TRACE", description = "Accepted for compatibility; tracing is not supported.")
    boolean trace;

    @Option(names = "--trace-coder", descriptionKey = "CODER_SCALETEST_TRACE_CODER", description = "Accepted for compatibility; tracing is not supported.")
    boolean traceCoder;

    @Option(names = "--trace-honeycomb-api-key", descriptionKey = "CODER_SCALETEST_TRACE_HONEYCOMB_API_KEY", paramLabel = "KEY",
            description = "Accepted for compatibility; tracing is not supported.")
    String traceHoneycombApiKey;

    @Option(names = "--trace-propagate", descriptionKey = "CODER_SCALETEST_TRACE_PROPAGATE", description = "Accepted for compatibility; tracing is not supported.")
    boolean tracePropagate;

    boolean requested() {
        return trace || traceCoder || tracePropagate || (traceHoneycombApiKey != null && !traceHoneycombApiKey.isEmpty());
    }

    void noteIfRequested(PrintWriter err) {
        if (requested()) {
            err.println("note: tracing is not supported by scaletest; the --trace flags are ignored.");
            err.flush();
        }
    }
}
