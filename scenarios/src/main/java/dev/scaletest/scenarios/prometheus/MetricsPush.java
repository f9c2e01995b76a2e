package dev.scaletest.scenarios.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * {@code --prometheus-push-url}: the final values go to a remote-write receiver when the URL names
 * one (see {@link RemoteWritePush#accepts}), to a Pushgateway otherwise. Both carry
 * {@code job="scaletest"} and {@code instance=<run id>}.
 */
public sealed interface MetricsPush permits PushgatewayPush, RemoteWritePush {
    String JOB = "scaletest";

    /** Pushes the registry's current values; {@code instance} may be null. */
    void push(PrometheusMeterRegistry registry, String instance) throws IOException, InterruptedException;

    static MetricsPush to(HttpClient client, URI url) {
        return RemoteWritePush.accepts(url) ? new RemoteWritePush(client, url) : new PushgatewayPush(client, url);
    }
}
