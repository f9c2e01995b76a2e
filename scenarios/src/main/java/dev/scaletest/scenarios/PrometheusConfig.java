package dev.scaletest.scenarios;

import dev.scaletest.harness.GoDuration;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Metrics export: the scrape endpoint listens on {@code address} (host:port, every path serves the
 * registry), the command waits {@code scrapeWait} before exiting so the last scrape can happen, and
 * with {@code pushUrl} the final values are also pushed (then the wait is not needed).
 */
public record PrometheusConfig(String address, Duration scrapeWait, Optional<URI> pushUrl) {

    public PrometheusConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scrapeWait, "scrapeWait");
        Objects.requireNonNull(pushUrl, "pushUrl");
    }

    public void validate() {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException("--scaletest-prometheus-address must be host:port, got \"" + address + "\"");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("--scaletest-prometheus-address has an invalid port: \"" + address + "\"");
        }
        if (scrapeWait.isNegative()) {
            throw new ConfigException("--scaletest-prometheus-wait must not be negative, got " + GoDuration.format(scrapeWait));
        }
        pushUrl.ifPresent(url -> {
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new ConfigException("--prometheus-push-url must be an http:// or https:// URL, got \"" + url + "\"");
            }
        });
    }
}
