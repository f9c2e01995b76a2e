package dev.scaletest.coder.model;

/**
 * The wildcard app host including its {@code *} (e.g. {@code *.apps.example.com} or
 * {@code *--apps.example.com}), or empty when none is configured.
 */
@ApiDefinition("codersdk.AppHostResponse")
public record AppHost(String host) {
    public boolean configured() {
        return host != null && !host.isEmpty();
    }
}
