package dev.scaletest.scenarios.run;

import dev.scaletest.coder.CoderEndpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run goes. Against a deployment given by {@code --url} only the endpoint is known; a
 * deployment the application started itself (the built-in simulator) also offers an SSH server
 * that reaches every workspace, a template and workspaces to create before the run.
 *
 * @param endpoint        URL, the site owner's token, headers and TLS trust
 * @param directSsh       an SSH server that reaches each workspace by user name
 * @param defaultTemplate the template to use when the command names none
 * @param precreate       workspaces to create as the owner before the run (traffic against a fresh deployment)
 */
public record DeploymentTarget(CoderEndpoint endpoint, Optional<DirectSsh> directSsh, Optional<String> defaultTemplate,
        Optional<Precreate> precreate) {

    /** An SSH server for every workspace, and the known_hosts line of its host key. */
    public record DirectSsh(String host, int port, String knownHostsLine) {
        public DirectSsh {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(knownHostsLine, "knownHostsLine");
        }
    }

    /**
     * {@code count} workspaces of {@code template} to create before the run.
     *
     * @param place names the deployment in the line announcing them, e.g. {@code the built-in simulator}
     */
    public record Precreate(String template, int count, String place) {
        public Precreate {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(place, "place");
        }
    }

    public DeploymentTarget {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(directSsh, "directSsh");
        Objects.requireNonNull(defaultTemplate, "defaultTemplate");
        Objects.requireNonNull(precreate, "precreate");
    }

    /** A deployment known only by its endpoint. */
    public static DeploymentTarget remote(CoderEndpoint endpoint) {
        return new DeploymentTarget(endpoint, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
