package dev.scaletest.e2e;

/**
 * The suite's one resource lock: classes that mostly wait run beside the others, holding it to
 * read; the one whose figures need the machine to itself holds it to write, so it never overlaps
 * them (see junit-platform.properties).
 */
final class SharedMachine {
    /** The machine's CPU, held to read by suites that run beside others. */
    static final String CPU = "scaletest.e2e.cpu";

    private SharedMachine() {}
}
