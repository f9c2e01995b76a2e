package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.reports.output.OutputTarget.Format;
import dev.scaletest.scenarios.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Coder's {@code --output} grammar. */
final class OutputFlag {
    private OutputFlag() {}

    /**
     * Coder's rules: each value is {@code format[:path]} split on the first colon; no path or
     * {@code -} means stdout, and at most one entry may go there; nothing given means text to
     * stdout. The stdout entry comes first, then files in flag order.
     */
    static List<OutputTarget> parseAll(List<String> values) {
        OutputTarget toStdout = null;
        List<OutputTarget> files = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            int colon = value.indexOf(':');
            String formatText = colon < 0 ? value : value.substring(0, colon);
            String pathText = colon < 0 ? "" : value.substring(colon + 1);
            Format format = switch (formatText) {
                case "text" -> Format.TEXT;
                case "json" -> Format.JSON;
                case "html" -> Format.HTML;
                default -> throw new ConfigException("could not parse --output flags: invalid output format \""
                        + formatText + "\" in output flag " + i + " (use text, json or html, optionally :path)");
            };
            if (pathText.isEmpty() || pathText.equals("-")) {
                if (toStdout != null) {
                    throw new ConfigException("could not parse --output flags: multiple output flags specified for stdout");
                }
                toStdout = OutputTarget.stdout(format);
            } else {
                files.add(new OutputTarget(format, Optional.of(Path.of(pathText))));
            }
        }
        List<OutputTarget> all = new ArrayList<>();
        if (toStdout != null) {
            all.add(toStdout);
        }
        all.addAll(files);
        if (all.isEmpty()) {
            all.add(OutputTarget.stdout(Format.TEXT));
        }
        return List.copyOf(all);
    }
}
