/**
 * The run journal ({@code journal.jsonl}): what a run is about to create, created and deleted,
 * forced to disk line by line so cleanup can find leftovers even after the tool was killed.
 */
package dev.scaletest.journal;
