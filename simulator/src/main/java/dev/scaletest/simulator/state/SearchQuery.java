package dev.scaletest.simulator.state;

import java.util.ArrayList;
import java.util.List;

/**
 * coderd's search syntax: space-separated terms, each {@code key:value} or a bare value; values may
 * be double-quoted (Go {@code %q}) and then may contain spaces.
 */
public record SearchQuery(List<Term> terms) {

    public record Term(String key, String value) {
    }

    public static SearchQuery parse(String q) {
        List<Term> terms = new ArrayList<>();
        if (q == null) {
            return new SearchQuery(terms);
        }
        int i = 0;
        int n = q.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(q.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder key = new StringBuilder();
            StringBuilder value = new StringBuilder();
            StringBuilder current = value;
            boolean hasKey = false;
            boolean quoted = false;
            while (i < n) {
                char c = q.charAt(i);
                if (quoted) {
                    if (c == '\\' && i + 1 < n) {
                        current.append(q.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        current.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ':' && !hasKey) {
                    hasKey = true;
                    key.append(value);
                    value.setLength(0);
                } else {
                    current.append(c);
                }
                i++;
            }
            terms.add(new Term(hasKey ? key.toString().toLowerCase() : "", value.toString()));
        }
        return new SearchQuery(List.copyOf(terms));
    }
}
