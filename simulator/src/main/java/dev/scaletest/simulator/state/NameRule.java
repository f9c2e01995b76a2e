package dev.scaletest.simulator.state;

import java.util.regex.Pattern;

/**
 * coderd's name rule ({@code codersdk.NameValid}) for usernames and workspace names: 1 to 32
 * letters and digits in groups joined by single hyphens. Its own class because users and
 * workspaces both apply it and neither owns it.
 */
final class NameRule {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$");
    private static final int MAX_LENGTH = 32;

    private NameRule() {}

    static boolean valid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }
}
