package dev.scaletest.harness;

/** A runner that created something and can remove it again in the cleanup phase. */
public interface Cleanable {
    void cleanup(RunContext context) throws Exception;
}
