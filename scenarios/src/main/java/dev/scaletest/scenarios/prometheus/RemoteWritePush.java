package dev.scaletest.scenarios.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xerial.snappy.Snappy;

/**
 * The final values sent by Prometheus remote write 1.0: one POST of a snappy-compressed protobuf
 * {@code WriteRequest}, every series with one sample stamped now and the target labels
 * {@code job="scaletest"}, {@code instance=<run id>}. As the spec asks of a sender, a 5xx answer is
 * tried again after a growing pause (and so is 429); any other answer outside 2xx is final.
 */
public final class RemoteWritePush implements MetricsPush {
    static final String CONTENT_TYPE = "application/x-protobuf";
    static final String VERSION = "0.1.0";
    /** The last path segment of the receivers' write endpoints: Prometheus and VictoriaMetrics
     *  ({@code /api/v1/write}), Mimir and Cortex ({@code /api/v1/push}), Thanos ({@code /api/v1/receive}). */
    private static final Set<String> RECEIVER_PATHS = Set.of("write", "push", "receive");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final HttpClient client;
    private final URI url;
    private final Clock clock;

    public RemoteWritePush(HttpClient client, URI url) {
        this(client, url, Clock.systemUTC());
    }

    RemoteWritePush(HttpClient client, URI url, Clock clock) {
        this.client = client;
        this.url = url;
        this.clock = clock;
    }

    /** Whether {@code url} is a remote-write endpoint rather than a Pushgateway's base URL. */
    public static boolean accepts(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        return RECEIVER_PATHS.contains(path.substring(path.lastIndexOf('/') + 1));
    }

    @Override
    public void push(PrometheusMeterRegistry registry, String instance) throws IOException, InterruptedException {
        Map<String, String> target = instance == null || instance.isEmpty()
                ? Map.of("job", JOB)
                : Map.of("job", JOB, "instance", instance);
        push(RegistrySamples.of(registry.getPrometheusRegistry().scrape(), target));
    }

    public void push(List<Sample> samples) throws IOException, InterruptedException {
        byte[] body = Snappy.compress(WriteRequestEncoding.encode(samples, clock.millis()));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return;
            }
            boolean retryable = status / 100 == 5 || status == 429;
            if (!retryable || attempt == ATTEMPTS) {
                throw new IOException("remote write of " + samples.size() + " series to " + url + ": status " + status
                        + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + response.body().strip());
            }
            Thread.sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("remote write to " + url + ": " + e.getMessage(), e);
        }
    }
}
