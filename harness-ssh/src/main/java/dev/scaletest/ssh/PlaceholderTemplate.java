package dev.scaletest.ssh;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A text with {@code {name}} placeholders from a closed list, such as the proxy command
 * {@code coder ssh --stdio {owner}/{workspace}}. A {@code {name}} outside the list is rejected when
 * the template is made, so a typo such as {@code {wrkspace}} fails before anything runs instead of
 * reaching the command unreplaced. Shell parameters ({@code ${NAME}}) are not placeholders.
 *
 * @param text  the template as given
 * @param names the placeholder names it may use, without braces
 */
public record PlaceholderTemplate(String text, List<String> names) {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([A-Za-z][A-Za-z0-9_-]*)}");

    /** @throws IllegalArgumentException naming the first unknown placeholder and the known ones */
    public PlaceholderTemplate {
        Objects.requireNonNull(text, "text");
        names = List.copyOf(names);
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " (the placeholders are "
                        + describe(names) + ")");
            }
        }
    }

    /** The names as they are written, e.g. {@code {owner}, {workspace}}. */
    public static String describe(List<String> names) {
        return names.stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "));
    }

    public boolean uses(String name) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with every placeholder replaced by its value, inserted as given (the caller quotes
     * for a shell where needed).
     *
     * @throws IllegalArgumentException if the text uses a placeholder {@code values} has no value for
     */
    public String expand(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(m.group() + " has no value for \"" + text + "\"");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
