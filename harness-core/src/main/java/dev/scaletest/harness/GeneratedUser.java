package dev.scaletest.harness;

/** A user the tool will create: {@code scaletest-<rand8>-<id>}, {@code <rand8>-<id>@scaletest.local}. */
public record GeneratedUser(String username, String email, Password password) {}
