package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under {@code deploy/kubernetes}, checked without a cluster: every one parses into
 * the Kubernetes API's model classes (fabric8), with no field the model does not know (a misspelt
 * or misplaced field lands in an {@code additionalProperties} map, and the API server would drop it
 * or refuse the object), and the Jobs say what a sharded run needs.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "no manifests in " + DIR.toAbsolutePath());
            return yaml;
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyManifestIsAKnownKindWithNoUnknownField(Path file) throws IOException {
        HasMetadata resource = load(Files.readString(file));
        assertFalse(resource instanceof GenericKubernetesResource, file + ": a kind the Kubernetes API does not have");
        assertEquals(List.of(), UnknownFields.of(resource), file + ": fields the Kubernetes API does not know");
        assertEquals("scaletest", resource.getMetadata().getLabels().get("app.kubernetes.io/name"), file.toString());
    }

    @Test
    void theCheckFindsAMisspeltAndAMisplacedField() throws IOException {
        String job = Files.readString(DIR.resolve("run-job.yaml"));
        String misspelt = job.replace("backoffLimitPerIndex: 0", "backofLimitPerIndex: 0");
        assertEquals(List.of("$.spec.backofLimitPerIndex"), UnknownFields.of(load(misspelt)));
        String misplaced = job.replace("          image: scaletest:latest\n",
                "          image: scaletest:latest\n          nodeSelector:\n            disktype: ssd\n");
        assertEquals(List.of("$.spec.template.spec.containers[0].nodeSelector"), UnknownFields.of(load(misplaced)));
    }

    @Test
    void theRunJobIsAnIndexedJobThatNeverRetriesAnIndex() throws IOException {
        Job job = load("run-job.yaml", Job.class);
        JobSpec spec = job.getSpec();
        assertEquals("Indexed", spec.getCompletionMode());
        assertEquals(0, spec.getBackoffLimitPerIndex(), "a retried index would create its slice twice");
        assertEquals(spec.getCompletions(), spec.getParallelism(), "every shard runs at once");
        PodSpec pod = spec.getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy(), "a restarted container would run its slice again");
        assertEquals(Map.of("kubernetes.io/arch", "amd64"), pod.getNodeSelector(), "the image is amd64");

        Map<String, EnvVar> env = env(container(pod));
        assertEquals(String.valueOf(spec.getCompletions()), env.get("CODER_SCALETEST_SHARD_COUNT").getValue(),
                "the shard count is the Job's completions");
        assertEquals("metadata.labels['batch.kubernetes.io/job-name']",
                env.get("CODER_SCALETEST_RUN_ID").getValueFrom().getFieldRef().getFieldPath(), "one run id for every pod");
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                env.get("SHARD_INDEX").getValueFrom().getFieldRef().getFieldPath());
    }

    @Test
    void theRunPodsSpreadOverNodes() throws IOException {
        Job job = load("run-job.yaml", Job.class);
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        List<WeightedPodAffinityTerm> terms = job.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution();
        assertEquals(1, terms.size());
        var term = terms.get(0).getPodAffinityTerm();
        assertEquals("kubernetes.io/hostname", term.getTopologyKey());
        Map<String, String> selector = term.getLabelSelector().getMatchLabels();
        assertFalse(selector.isEmpty());
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), "the anti-affinity selects the run's own pods: " + k));
    }

    @Test
    void theRunPodsGetTheCoderUrlAndTokenFromTheSecret() throws IOException {
        Secret secret = load("secret.yaml", Secret.class);
        Map<String, EnvVar> env = env(container(load("run-job.yaml", Job.class).getSpec().getTemplate().getSpec()));
        for (String variable : List.of("CODER_URL", "CODER_SESSION_TOKEN")) {
            var ref = env.get(variable).getValueFrom().getSecretKeyRef();
            assertNotNull(ref, variable + " from the Secret");
            assertEquals(secret.getMetadata().getName(), ref.getName(), variable);
            assertTrue(secret.getStringData().containsKey(ref.getKey()), variable + ": the Secret has key " + ref.getKey());
        }
        assertTrue(secret.getStringData().get("token").startsWith("REPLACE_WITH_"), "a template, never a real token");
        assertTrue(secret.getData() == null || secret.getData().isEmpty());
    }

    @Test
    void theRunCommandShardsByTheCompletionIndexAndWritesToTheSharedVolume() throws IOException {
        PodSpec pod = load("run-job.yaml", Job.class).getSpec().getTemplate().getSpec();
        Container c = container(pod);
        assertEquals(List.of("scaletest"), c.getCommand());
        List<String> args = c.getArgs();
        assertEquals("run", args.get(0));
        assertTrue(args.contains("--shard-count=$(CODER_SCALETEST_SHARD_COUNT)"), args.toString());
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--shard=")), "the index is JOB_COMPLETION_INDEX");
        Map<String, EnvVar> env = env(c);
        for (String arg : args) {
            Matcher m = VARIABLE_REFERENCE.matcher(arg);
            while (m.find()) {
                assertTrue(env.containsKey(m.group(1)), arg + ": Kubernetes leaves $(" + m.group(1) + ") as it is unless env defines it");
            }
        }
        String mount = c.getVolumeMounts().get(0).getMountPath();
        assertTrue(args.contains("--output=json:" + mount + "/$(CODER_SCALETEST_RUN_ID)/shard-$(SHARD_INDEX).json"), args.toString());
        assertTrue(args.contains("--journal-dir=" + mount + "/$(CODER_SCALETEST_RUN_ID)/journal-$(SHARD_INDEX)"), args.toString());
        assertEquals(c.getVolumeMounts().get(0).getName(), pod.getVolumes().get(0).getName());
        assertEquals(c.getResources().getRequests().get("memory"), c.getResources().getLimits().get("memory"),
                "memory requested is memory guaranteed");
        assertNotNull(c.getResources().getRequests().get("cpu"));
    }

    @Test
    void everyPodMountsTheReadWriteManyClaim() throws IOException {
        PersistentVolumeClaim claim = load("results-pvc.yaml", PersistentVolumeClaim.class);
        assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes(), "every shard writes at once");
        for (PodSpec pod : List.of(load("run-job.yaml", Job.class).getSpec().getTemplate().getSpec(),
                load("merge-job.yaml", Job.class).getSpec().getTemplate().getSpec(),
                load("results-pod.yaml", io.fabric8.kubernetes.api.model.Pod.class).getSpec())) {
            Volume volume = pod.getVolumes().get(0);
            assertEquals(claim.getMetadata().getName(), volume.getPersistentVolumeClaim().getClaimName());
            assertEquals("/results", container(pod).getVolumeMounts().get(0).getMountPath());
            assertEquals("scaletest:latest", container(pod).getImage(), "the image bin/build-image makes");
        }
    }

    @Test
    void theMergeJobMergesEveryShardOfTheRunOnceAndItsExitCodeIsTheVerdict() throws IOException {
        Job run = load("run-job.yaml", Job.class);
        Job merge = load("merge-job.yaml", Job.class);
        assertEquals(0, merge.getSpec().getBackoffLimit(), "run once: its exit code is the verdict");
        Container c = container(merge.getSpec().getTemplate().getSpec());
        assertEquals("Never", merge.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(run.getMetadata().getName(), env(c).get("RUN_ID").getValue(), "the run id is the run Job's name");
        String script = String.join(" ", c.getArgs());
        assertTrue(script.startsWith("exec scaletest report merge /results/\"$RUN_ID\"/shard-*.json"), script);

        // the glob catches the report of every index the run Job writes
        String output = container(run.getSpec().getTemplate().getSpec()).getArgs().stream()
                .filter(a -> a.startsWith("--output=json:")).findFirst().orElseThrow().substring("--output=json:".length());
        var glob = FileSystems.getDefault().getPathMatcher("glob:/results/" + run.getMetadata().getName() + "/shard-*.json");
        for (int i = 0; i < run.getSpec().getCompletions(); i++) {
            String written = output.replace("$(CODER_SCALETEST_RUN_ID)", run.getMetadata().getName())
                    .replace("$(SHARD_INDEX)", Integer.toString(i));
            assertTrue(glob.matches(Path.of(written)), written);
        }
    }

    private HasMetadata load(String yaml) {
        Object parsed = serialization.unmarshal(yaml);
        assertTrue(parsed instanceof HasMetadata, "one Kubernetes object per file: " + parsed);
        return (HasMetadata) parsed;
    }

    private <T extends HasMetadata> T load(String file, Class<T> type) throws IOException {
        HasMetadata resource = load(Files.readString(DIR.resolve(file)));
        assertTrue(type.isInstance(resource), file + " is a " + type.getSimpleName());
        return type.cast(resource);
    }

    private static Container container(PodSpec pod) {
        assertEquals(1, pod.getContainers().size());
        return pod.getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    /** Every {@code additionalProperties} entry in the object tree, as a JSON path. */
    static final class UnknownFields {
        private final List<String> found = new ArrayList<>();

        static List<String> of(Object root) {
            UnknownFields walk = new UnknownFields();
            walk.visit(root, "$");
            return walk.found;
        }

        private void visit(Object node, String path) {
            if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
                return;
            }
            for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = read(field, node);
                    if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> found.add(path + "." + k));
                    } else {
                        child(value, path + "." + field.getName());
                    }
                }
            }
        }

        private void child(Object value, String path) {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    visit(list.get(i), path + "[" + i + "]");
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> visit(v, path + "." + k));
            } else {
                visit(value, path);
            }
        }

        private static Object read(java.lang.reflect.Field field, Object node) {
            try {
                return field.get(node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(field + " of " + node.getClass().getName(), e);
            }
        }
    }
}
