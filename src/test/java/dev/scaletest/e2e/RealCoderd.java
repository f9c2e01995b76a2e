package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

/**
 * A real coderd from Coder's published image with its Postgres, both through Testcontainers, set up
 * as Coder's docker-compose quick start does: coderd reaches Postgres by a network alias, listens
 * on 0.0.0.0:7080, and has the host's Docker socket mounted (with the socket's group added) so its
 * built-in provisioners can run the Docker template's workspaces. Those join the same network and
 * reach coderd at its access URL, {@code http://coderd:7080}; the test reaches it through the port
 * Docker publishes. coderd keeps its production rate limits: nothing here turns them off.
 *
 * <p>Images are pinned and overridable by system property or environment variable.
 */
final class RealCoderd implements AutoCloseable {
    static final Image CODER = new Image("scaletest.realcoderd.coder-image", "SCALETEST_CODER_IMAGE", "ghcr.io/coder/coder:v2.36.3");
    static final Image POSTGRES = new Image("scaletest.realcoderd.postgres-image", "SCALETEST_POSTGRES_IMAGE", "postgres:17.6");
    /** The workspaces' image: the template's agent init script needs sh and curl. */
    static final Image WORKSPACE = new Image("scaletest.realcoderd.workspace-image", "SCALETEST_WORKSPACE_IMAGE",
            "buildpack-deps:bookworm-curl");
    static final String ACCESS_URL = "http://coderd:7080";
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(3);

    /** An image name: the system property, else the environment variable, else the pinned default. */
    record Image(String property, String environment, String pinned) {
        DockerImageName name() {
            String env = System.getenv(environment);
            return DockerImageName.parse(System.getProperty(property, env == null || env.isBlank() ? pinned : env));
        }
    }

    private final Network network;
    private final GenericContainer<?> postgres;
    private final GenericContainer<?> coderd;

    private RealCoderd(Network network, GenericContainer<?> postgres, GenericContainer<?> coderd) {
        this.network = network;
        this.postgres = postgres;
        this.coderd = coderd;
    }

    /**
     * Skips unless a Docker daemon answers and every image can be had (present, or its registry
     * answers), then unless {@code SCALETEST_REAL_CODERD=1} asks for this nightly test. The
     * registry is asked with a short timeout rather than through a pull, which retries for minutes.
     */
    static void assumeRunnable() {
        ScaletestImage.assumeDocker();
        for (Image image : List.of(CODER, POSTGRES, WORKSPACE)) {
            Optional<String> why = unavailable(image.name());
            assumeTrue(why.isEmpty(), () -> "no registry reachable: " + why.orElse(""));
        }
        assumeTrue("1".equals(System.getenv("SCALETEST_REAL_CODERD")),
                "nightly only: set SCALETEST_REAL_CODERD=1 to start a real coderd (the nightly workflow does)");
    }

    private static Optional<String> unavailable(DockerImageName image) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image.asCanonicalNameString()).exec();
            return Optional.empty();
        } catch (NotFoundException e) {
            // not here yet: ask its registry
        }
        String registry = image.getRegistry().isEmpty() || image.getRegistry().equals("docker.io")
                ? "registry-1.docker.io" : image.getRegistry();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(REGISTRY_TIMEOUT).build()) {
            // Any answer, 401 included, means the registry is there; only the transport failing does not.
            http.send(HttpRequest.newBuilder(URI.create("https://" + registry + "/v2/")).timeout(REGISTRY_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(registry + " for " + image.asCanonicalNameString() + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking " + registry);
        }
    }

    /** Starts Postgres, then coderd once Postgres is ready; returns when coderd's /healthz answers. */
    @SuppressWarnings("resource") // closed by close()
    static RealCoderd start() throws IOException {
        new RemoteDockerImage(WORKSPACE.name()).get(); // coderd's Docker provider then finds it present
        Network network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withName("scaletest-realcoderd-" + UUID.randomUUID()))
                .build();
        GenericContainer<?> postgres = new GenericContainer<>(POSTGRES.name())
                .withNetwork(network).withNetworkAliases("database")
                .withEnv("POSTGRES_USER", "coder").withEnv("POSTGRES_PASSWORD", "coder").withEnv("POSTGRES_DB", "coder")
                // The image's init starts the server twice; the second start is the one that stays.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        String socket = DockerClientFactory.instance().getRemoteDockerUnixSocketPath();
        String socketGroup = String.valueOf(Files.getAttribute(Path.of(socket), "unix:gid"));
        GenericContainer<?> coderd = new GenericContainer<>(CODER.name())
                .withNetwork(network).withNetworkAliases("coderd")
                .withEnv("CODER_PG_CONNECTION_URL", "postgresql://coder:coder@database:5432/coder?sslmode=disable")
                .withEnv("CODER_HTTP_ADDRESS", "0.0.0.0:7080")
                .withEnv("CODER_ACCESS_URL", ACCESS_URL)
                .withEnv("CODER_TELEMETRY_ENABLE", "false")
                // The socket, and its group for coderd, which runs as the image's own user.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withBinds(new Bind(socket, new Volume("/var/run/docker.sock")))
                        .withGroupAdd(List.of(socketGroup)))
                .withExposedPorts(7080)
                .waitingFor(Wait.forHttp("/healthz").forPort(7080).forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        RealCoderd started = new RealCoderd(network, postgres, coderd);
        try {
            postgres.start();
            coderd.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** coderd's URL as the test (on the host) reaches it. */
    URI url() {
        return URI.create("http://" + coderd.getHost() + ":" + coderd.getMappedPort(7080));
    }

    /** coderd's container, for {@code docker exec} of the {@code coder} CLI in the image ({@code /opt/coder}). */
    String containerId() {
        return coderd.getContainerId();
    }

    /** The Docker network's name, which the template's workspaces join. */
    String networkName() {
        return DockerClientFactory.lazyClient().inspectNetworkCmd().withNetworkId(network.getId()).exec().getName();
    }

    String logs() {
        return coderd.getLogs();
    }

    /** The workspace containers of this coderd still on the host (the template labels them with the network's name). */
    List<String> workspaceContainers() {
        return DockerClientFactory.lazyClient().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("dev.scaletest.realcoderd", networkName())).exec()
                .stream().map(c -> c.getId()).toList();
    }

    /** Stops coderd and Postgres, removes any workspace container a failed run left, then the network. */
    @Override
    public void close() {
        try {
            coderd.stop();
            postgres.stop();
            for (String container : workspaceContainers()) {
                DockerClientFactory.lazyClient().removeContainerCmd(container).withForce(true).exec();
            }
        } finally {
            network.close();
        }
    }
}
