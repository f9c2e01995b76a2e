package dev.scaletest.scenarios;

import java.util.List;

/**
 * A {@code START:END} slice (END exclusive) of the scaletest workspace list as the server returns
 * it, parsed exactly as Coder's {@code --target-workspaces}. {@code end == 0} means "to the end".
 */
public record TargetRange(int start, int end) {

    public static final TargetRange ALL = new TargetRange(0, 0);

    /** Parses the flag value; {@code name} is the noun used in messages ("workspaces"). */
    public static TargetRange parse(String name, String text) {
        if (text == null || text.isEmpty()) {
            return ALL;
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new ConfigException("invalid target " + name + " \"" + text + "\"");
        }
        int start = atoi(name, text, parts[0]);
        int end = atoi(name, text, parts[1]);
        if (start == end) {
            throw new ConfigException("invalid target " + name + " \"" + text + "\": start and end cannot be equal");
        }
        if (end < start) {
            throw new ConfigException("invalid target " + name + " \"" + text + "\": end cannot be less than start");
        }
        if (start < 0) {
            // Coder would fail later slicing the list; say so up front.
            throw new ConfigException("invalid target " + name + " \"" + text + "\": start cannot be negative");
        }
        return new TargetRange(start, end);
    }

    /** Go's strconv.Atoi error text, so messages read as Coder's do. */
    private static int atoi(String name, String text, String number) {
        try {
            if (number.startsWith("+") && number.length() > 1 && number.charAt(1) == '-') {
                throw new NumberFormatException();
            }
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            String reason = number.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax";
            throw new ConfigException("invalid target " + name + " \"" + text + "\": strconv.Atoi: parsing \""
                    + number + "\": " + reason);
        }
    }

    public boolean all() {
        return start == 0 && end == 0;
    }

    /** Applies the slice; an empty list or an END past the list's end is an error, as in Coder. */
    public <T> List<T> select(List<T> workspaces) {
        if (workspaces.isEmpty()) {
            throw new ConfigException("no scaletest workspaces exist");
        }
        int to = end == 0 ? workspaces.size() : end;
        if (to > workspaces.size()) {
            throw new ConfigException("target workspace end " + to + " is greater than the number of workspaces "
                    + workspaces.size());
        }
        if (start >= to) {
            throw new ConfigException("target workspace start " + start + " is not before the end of the list ("
                    + workspaces.size() + " workspaces)");
        }
        return List.copyOf(workspaces.subList(start, to));
    }

    @Override
    public String toString() {
        return all() ? "" : start + ":" + end;
    }
}
