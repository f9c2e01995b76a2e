/**
 * The run journal ({@code journal.jsonl}): what a run is about to create, created and deleted,
 * forced to disk line by line so cleanup can find leftovers even after the tool was killed.
 *
 * <p>May import no other {@code dev.scaletest} package (the JDK and Jackson only): what a run
 * creates is named by the scenario that records it, not by types from elsewhere.
 */
package dev.scaletest.journal;
