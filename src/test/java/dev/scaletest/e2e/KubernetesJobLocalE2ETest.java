package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container command lines of {@code deploy/kubernetes/}, run here as Kubernetes would run them:
 * the run Job's as one process per index with {@code JOB_COMPLETION_INDEX} set, its environment
 * resolved (the Secret's URL and token, the downward API's job name and completion index), its
 * {@code $(VAR)} references expanded and its volume a local folder; then the merge Job's shell line.
 * Only the size is scaled down (workspaces, traffic length, pod count). The merged run has the run
 * counts, pass and fail counts, streams and planned bytes of one unsharded run of the same command.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KubernetesJobLocalE2ETest {
    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    /** Kubernetes' {@code $(VAR)} reference in command and args; {@code $$} is a literal {@code $}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final int PODS = 3;
    private static final int WORKSPACES = 12;

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @TempDir
    Path dir;

    @Test
    void theRunJobsPodsAndTheMergeJobGiveWhatOneUnshardedRunGives() throws Exception {
        Job runJob = load("run-job.yaml", Job.class);
        Container pod = runJob.getSpec().getTemplate().getSpec().getContainers().getFirst();
        Container merger = load("merge-job.yaml", Job.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        Secret secret = load("secret.yaml", Secret.class);
        Path bin = scaletestOnPath();
        // Both Jobs mount the same claim: one local folder stands for it.
        Path results = dir.resolve("results");
        Map<String, Path> volumes = Map.of(mountPath(pod), results);
        Map<String, Path> mergeVolumes = Map.of(mountPath(merger), results);
        String jobName = runJob.getMetadata().getName();

        try (StandaloneSimulator simulator = StandaloneSimulator.start(dir.resolve("simulator.log"),
                "--provisioners", "16", "--build-time", "20ms..60ms", "--agent-connect-time", "20ms..60ms");
                JarProcesses pods = new JarProcesses()) {
            Map<String, String> secretValues = Map.of("url", simulator.url(), "token", simulator.adminToken());
            assertEquals(secretValues.keySet(), secret.getStringData().keySet(), "the Secret holds the URL and the token");
            List<String> sized = scaledDown(pod.getArgs());
            for (int index = 0; index < PODS; index++) {
                Map<String, String> env = environment(pod, secret.getMetadata().getName(), secretValues, jobName, String.valueOf(index));
                env.put("CODER_SCALETEST_SHARD_COUNT", String.valueOf(PODS));
                env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
                pods.start(process(bin, pod.getCommand(), sized, env, volumes), dir.resolve("pod-" + index));
            }
            // The same container without the shard: one process, its own run id, so the merge's glob does not see it.
            Map<String, String> single = environment(pod, secret.getMetadata().getName(), secretValues, "unsharded", "all");
            single.remove("CODER_SCALETEST_SHARD_COUNT");
            List<String> unshardedArgs = sized.stream().filter(a -> !a.startsWith("--shard-count=")).toList();
            pods.start(process(bin, pod.getCommand(), unshardedArgs, single, volumes), dir.resolve("unsharded"));

            List<Integer> codes = pods.awaitAll(Duration.ofSeconds(150));
            for (int code : codes) {
                assertTrue(code == 0 || code == 3, "each pod ends with a pass, or with a threshold the loaded test machine missed: "
                        + codes + "\n" + pods.diagnostics());
            }

            Map<String, String> mergeEnv = new HashMap<>();
            merger.getEnv().forEach(e -> mergeEnv.put(e.getName(), e.getValue()));
            assertEquals(jobName, mergeEnv.get("RUN_ID"), "the merge Job reads the run Job's folder");
            try (JarProcesses merge = new JarProcesses()) {
                merge.start(process(bin, merger.getCommand(), merger.getArgs(), mergeEnv, mergeVolumes), dir.resolve("merge"));
                int mergeExit = merge.awaitAll(Duration.ofSeconds(60)).getFirst();
                JsonNode merged = ScaletestProcess.json(results.resolve(jobName).resolve("merged.json"));
                assertEquals("pass".equals(merged.get("verdict").asText()) ? 0 : 3, mergeExit,
                        "the merge Job's exit code is the merged verdict: " + merged.get("verdict") + "\n" + merge.diagnostics());
                assertTrue(Files.isRegularFile(results.resolve(jobName).resolve("merged.html")));

                JsonNode whole = ScaletestProcess.json(results.resolve("unsharded").resolve("shard-all.json"));
                assertEquals(2 * WORKSPACES, whole.get("total_runs").asInt());
                for (String field : List.of("/total_runs", "/total_pass", "/total_fail", "/traffic/streams", "/traffic/target_bytes")) {
                    assertEquals(whole.at(field).asLong(), merged.at(field).asLong(), field + " of the merged shards and of one run");
                }
            }
            JsonNode stats = simulator.stats();
            assertEquals(0, stats.path("scaletest_users").asInt(), "nothing left: " + stats);
            assertEquals(0, stats.path("workspaces_alive").asInt(), "nothing left: " + stats);
        }
    }

    /** The manifest's args with the size made test-sized; the flags scaled must be there to be scaled. */
    private static List<String> scaledDown(List<String> args) {
        List<String> sized = new ArrayList<>();
        int replaced = 0;
        for (String arg : args) {
            if (arg.startsWith("--count=")) {
                sized.add("--count=" + WORKSPACES);
                replaced++;
            } else if (arg.startsWith("--traffic-duration=")) {
                sized.add("--traffic-duration=2s");
                replaced++;
            } else {
                sized.add(arg);
            }
        }
        assertEquals(2, replaced, "the run Job sets --count= and --traffic-duration=: " + args);
        return sized;
    }

    /**
     * The container's environment as the kubelet builds it: literal values, the Secret's keys, and
     * the downward API's job name label and completion index annotation; any other source fails the test.
     */
    private static Map<String, String> environment(Container container, String secretName, Map<String, String> secret, String jobName,
            String index) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                assertEquals(secretName, var.getValueFrom().getSecretKeyRef().getName(), var.getName());
                env.put(var.getName(), secret.get(var.getValueFrom().getSecretKeyRef().getKey()));
            } else if (var.getValueFrom().getFieldRef() != null) {
                String field = var.getValueFrom().getFieldRef().getFieldPath();
                switch (field) {
                    case "metadata.labels['batch.kubernetes.io/job-name']" -> env.put(var.getName(), jobName);
                    case "metadata.annotations['batch.kubernetes.io/job-completion-index']" -> env.put(var.getName(), index);
                    default -> fail("a field the test does not resolve: " + field);
                }
            } else {
                fail("an environment source the test does not resolve: " + var);
            }
        }
        return env;
    }

    /** The container's process: {@code $(VAR)} expanded as Kubernetes does, its volume mounts at local folders. */
    private ProcessBuilder process(Path bin, List<String> command, List<String> args, Map<String, String> env, Map<String, Path> volumes) {
        List<String> line = new ArrayList<>();
        for (String part : command) {
            line.add(part.equals("scaletest") ? bin.resolve("scaletest").toString() : part);
        }
        for (String arg : args) {
            String expanded = expand(arg, env);
            for (Map.Entry<String, Path> volume : volumes.entrySet()) {
                expanded = expanded.replace(volume.getKey() + "/", volume.getValue() + "/");
            }
            line.add(expanded);
        }
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(env);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HOME", dir.resolve("home").toString());
        return builder;
    }

    /** Kubernetes' expansion: a reference to a variable the container defines is replaced, any other kept as written. */
    static String expand(String text, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A {@code scaletest} on the PATH, as the image has: the packaged jar. */
    private Path scaletestOnPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        List<String> jar = PackagedJar.command().command();
        String script = "#!/bin/sh\nexec '" + String.join("' '", jar) + "' \"$@\"\n";
        Path scaletest = Files.writeString(bin.resolve("scaletest"), script);
        Files.setPosixFilePermissions(scaletest, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static String mountPath(Container container) {
        List<VolumeMount> mounts = container.getVolumeMounts();
        assertEquals(1, mounts.size(), container.getName() + " mounts the results volume only");
        return mounts.getFirst().getMountPath();
    }

    private <T> T load(String file, Class<T> type) throws Exception {
        return serialization.unmarshal(Files.readString(DIR.resolve(file)), type);
    }
}
