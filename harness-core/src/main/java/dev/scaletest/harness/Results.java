package dev.scaletest.harness;

import java.time.Duration;
import java.util.SortedMap;

/** All runs of a phase, keyed by full id in lexicographic order (as Go encodes a map). */
public record Results(int totalRuns, int totalPass, int totalFail, Duration elapsed, SortedMap<String, RunResult> runs) {}
