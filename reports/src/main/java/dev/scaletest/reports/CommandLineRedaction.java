package dev.scaletest.reports;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes a command line safe to put in a report: the values of secret-bearing flags ({@code --token},
 * anything named like a password, secret, key or token), of {@code CODER_SESSION_TOKEN=...}
 * assignments, of every {@code --header} (a gateway's credential can hide under any name, so only
 * the name stays) and the {@code --header-command} itself (it may hold the credential it prints)
 * become {@code ****}.
 */
public final class CommandLineRedaction {
    public static final String MASK = "****";
    private static final Pattern SECRET_NAME =
            Pattern.compile("token|password|passwd|secret|api[-_]?key|credential|cookie|authorization");

    private CommandLineRedaction() {}

    /** The arguments, redacted, joined by spaces (arguments with spaces are single-quoted). */
    public static String redact(List<String> args) {
        String[] out = args.toArray(String[]::new);
        for (int i = 0; i < out.length; i++) {
            String arg = out[i];
            if (arg.startsWith("-")) {
                String flag = arg.replaceFirst("^-+", "");
                int eq = flag.indexOf('=');
                String name = eq < 0 ? flag : flag.substring(0, eq);
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("header")) {
                    if (eq >= 0) {
                        out[i] = arg.substring(0, arg.indexOf('=') + 1) + redactHeader(flag.substring(eq + 1));
                    } else if (i + 1 < out.length) {
                        out[i + 1] = redactHeader(out[i + 1]);
                        i++;
                    }
                } else if (isSecret(lower) || lower.equals("header-command")) {
                    if (eq >= 0) {
                        out[i] = arg.substring(0, arg.indexOf('=') + 1) + MASK;
                    } else if (i + 1 < out.length && !out[i + 1].startsWith("-")) {
                        out[i + 1] = MASK;
                        i++;
                    }
                }
            } else {
                int eq = arg.indexOf('=');
                if (eq > 0 && isSecret(arg.substring(0, eq).toLowerCase(Locale.ROOT))
                        && arg.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out[i] = arg.substring(0, eq + 1) + MASK;
                }
            }
        }
        return List.of(out).stream().map(CommandLineRedaction::quote).collect(Collectors.joining(" "));
    }

    private static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    /** {@code Name=****}; a value without a separator is masked whole. */
    private static String redactHeader(String header) {
        int eq = header.indexOf('=');
        int colon = header.indexOf(':');
        int split = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
        return split > 0 ? header.substring(0, split + 1) + MASK : MASK;
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.matches(".*[\\s'\"].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }
}
