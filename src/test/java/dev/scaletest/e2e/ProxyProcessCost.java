package dev.scaletest.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the proxy-command processes of an SSH traffic run cost the machine, seen from /proc: every
 * second it reads the CPU time and RSS of each process whose command line contains a marker (such
 * as {@code coder ssh --stdio}); from the samples of each process's first to its last sighting it
 * gives CPU per stream-second, so a process's start-up and end fall outside the figure as much as
 * the sampling allows. Container processes are host processes too, so one run inside the coderd
 * container is seen the same way.
 */
final class ProxyProcessCost implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final String marker;
    private final Map<Long, Sighting> sightings = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** One process as first and last seen. */
    private record Sighting(Duration firstCpu, long firstNanos, Duration lastCpu, long lastNanos, long rssKib) {
    }

    /** What was measured: processes seen, CPU µs per stream-second and mean RSS. */
    record Cost(int processes, double cpuMicrosPerStreamSecond, double rssMibEach) {
        String markdownRow(String what) {
            return String.format("| %s | %d | %.0f | %.1f |", what, processes, cpuMicrosPerStreamSecond, rssMibEach);
        }
    }

    private ProxyProcessCost(String marker) {
        this.marker = marker;
        this.sampler = Thread.ofPlatform().daemon().name("proxy-cost-sampler").start(this::sampleEverySecond);
    }

    /** Starts sampling the processes whose command line contains {@code marker}. */
    static ProxyProcessCost watch(String marker) {
        return new ProxyProcessCost(marker);
    }

    private void sampleEverySecond() {
        while (running) {
            long now = System.nanoTime();
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .forEach(p -> p.info().totalCpuDuration().ifPresent(cpu -> record(p.pid(), cpu, now)));
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long pid, Duration cpu, long now) {
        long rss = rssKib(pid).orElse(0L);
        sightings.merge(pid, new Sighting(cpu, now, cpu, now, rss),
                (seen, latest) -> new Sighting(seen.firstCpu(), seen.firstNanos(), cpu, now, Math.max(seen.rssKib(), rss)));
    }

    private static Optional<Long> rssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the process ended between the listing and this read
        }
    }

    /** Stops sampling and sums up the processes seen at least twice. */
    synchronized Cost cost() {
        close();
        double cpuNanos = 0;
        double seconds = 0;
        long rss = 0;
        int seen = 0;
        for (Sighting s : sightings.values()) {
            if (s.lastNanos() > s.firstNanos()) {
                cpuNanos += s.lastCpu().minus(s.firstCpu()).toNanos();
                seconds += (s.lastNanos() - s.firstNanos()) / 1e9;
                rss += s.rssKib();
                seen++;
            }
        }
        return new Cost(seen, seconds == 0 ? 0 : cpuNanos / 1e3 / seconds, seen == 0 ? 0 : rss / 1024.0 / seen);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
