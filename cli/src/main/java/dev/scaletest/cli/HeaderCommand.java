package dev.scaletest.cli;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.scenarios.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coder's {@code --header-command}: run once before the first request, the way the coder CLI runs
 * it, through the shell ({@code sh -c}, {@code cmd.exe /c} on Windows) with the process environment
 * plus {@code CODER_URL}; its stderr is discarded and every line of its stdout is one
 * {@code Name=Value} header for every request. The values are credentials as a rule, so no message
 * ever shows them: a failure gives the exit status or the line number only. Neither does it show the
 * command, which may hold a credential itself (as the reports mask it).
 */
record HeaderCommand(String command) {

    List<CoderEndpoint.Header> run(URI coderUrl) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        ProcessBuilder builder = windows ? new ProcessBuilder("cmd.exe", "/c", command) : new ProcessBuilder("sh", "-c", command);
        builder.environment().put("CODER_URL", coderUrl.toString());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.DISCARD);
        String output;
        int status;
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ConfigException("--header-command: cannot start " + builder.command().getFirst() + ": " + e.getMessage());
        }
        try (InputStream stdout = process.getInputStream()) {
            process.getOutputStream().close();
            output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            status = process.waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new ConfigException("--header-command: reading its output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ConfigException("--header-command was interrupted");
        }
        if (status != 0) {
            throw new ConfigException("--header-command failed with exit status " + status
                    + " (its stderr is not shown, as the coder CLI does not show it); run it in a shell to see why");
        }
        List<CoderEndpoint.Header> headers = new ArrayList<>();
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            headers.add(CoderEndpoint.Header.parse(lines.get(i)).orElseThrow(() -> new ConfigException(
                    "--header-command: line " + lineNumber + " of its output is not Name=Value (each line must be one header)")));
        }
        return headers;
    }
}
