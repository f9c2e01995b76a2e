package dev.scaletest.journal;

import java.time.Instant;

/**
 * One line of {@code journal.jsonl}. {@code email} is set for user intents, {@code owner} (a
 * username) for workspace intents, {@code id} once the server has assigned one, {@code run} is the
 * full id of the run that made the resource. Absent values are null.
 */
public record JournalEntry(
        Instant at,
        JournalEvent event,
        ResourceKind kind,
        String name,
        String email,
        String owner,
        String id,
        String run) {}
