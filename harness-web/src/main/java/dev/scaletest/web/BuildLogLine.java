package dev.scaletest.web;

/**
 * One provisioner job log as coderd streams it ({@code codersdk.ProvisionerJobLog}); {@code createdAt}
 * stays the server's RFC 3339 text.
 */
public record BuildLogLine(long id, String createdAt, String source, String level, String stage, String output) {}
