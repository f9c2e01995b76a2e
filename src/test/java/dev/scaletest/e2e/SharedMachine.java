package dev.scaletest.e2e;

/**
 * The suite's one resource lock: classes that mostly wait run beside the others, holding it to
 * read; one whose clock needs the machine to itself holds it to write, so it never overlaps them
 * (see junit-platform.properties). A lock held to write also makes the holder's own tests run one
 * after another.
 */
final class SharedMachine {
    /** The machine's CPU, held to read by suites that run beside others. */
    static final String CPU = "scaletest.e2e.cpu";

    private SharedMachine() {}
}
