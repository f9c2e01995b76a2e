package dev.scaletest.journal;

import java.util.Optional;

/**
 * Something a run meant to create or created and did not delete. Without an id (the tool stopped
 * between the create request and recording its answer) cleanup looks it up by name.
 */
public record LeftoverResource(
        ResourceKind kind,
        String name,
        Optional<String> id,
        String email,
        String owner,
        String run) {}
