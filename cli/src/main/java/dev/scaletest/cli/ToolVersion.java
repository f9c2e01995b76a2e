package dev.scaletest.cli;

/**
 * The tool's version: the {@code Implementation-Version} of the application jar's manifest, or
 * {@code dev} when run from classes. Reports carry it and every call to Coder names it in its
 * User-Agent ({@code scaletest/<version>}).
 */
public final class ToolVersion {
    private ToolVersion() {}

    public static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
