package dev.scaletest.scenarios.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The final flush: PUT of the whole scrape to a Pushgateway at
 * {@code <url>/metrics/job/scaletest[/instance/<id>]}, so the last values survive without waiting
 * for a scrape. PUT replaces every series of that job and instance.
 */
public final class PushgatewayPush implements MetricsPush {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI base;

    public PushgatewayPush(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    /** The URI pushed to; {@code instance} may be null. */
    public URI target(String instance) {
        String root = base.toString().replaceAll("/+$", "");
        String path = "/metrics/job/" + segment(JOB);
        if (instance != null && !instance.isEmpty()) {
            // the Pushgateway wants values with a slash in base64url, marked by "@base64"
            path += instance.contains("/")
                    ? "/instance@base64/" + java.util.Base64.getUrlEncoder().encodeToString(
                            instance.getBytes(StandardCharsets.UTF_8))
                    : "/instance/" + segment(instance);
        }
        return URI.create(root + path);
    }

    @Override
    public void push(PrometheusMeterRegistry registry, String instance) throws IOException, InterruptedException {
        push(registry.scrape(), instance);
    }

    public void push(String exposition, String instance) throws IOException, InterruptedException {
        URI uri = target(instance);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", ScrapeEndpoint.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(exposition, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("push metrics to " + uri + ": " + e.getMessage(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("push metrics to " + uri + ": status " + response.statusCode() + ": "
                    + response.body().strip());
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
