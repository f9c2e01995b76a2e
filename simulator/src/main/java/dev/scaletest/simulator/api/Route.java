package dev.scaletest.simulator.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One coderd route under {@code /api/v2}. Its name, {@code "<METHOD> <template>"} such as
 * {@code "POST /users"} or {@code "GET /workspaces/{workspace}"}, is the key of per-endpoint latency faults.
 */
public record Route(String method, String template, boolean authenticated, Handler handler, List<String> segments) {

    /** {@code segments}, the template split at slashes, is computed once: every request is matched against every route. */
    public Route(String method, String template, boolean authenticated, Handler handler) {
        this(method, template, authenticated, handler,
                Arrays.stream(template.split("/")).filter(s -> !s.isEmpty()).toList());
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(ApiCall call);
    }

    public String name() {
        return method + " " + template;
    }

    /** The path parameters when {@code pathSegments} fits this route's template, else null. */
    Map<String, String> match(List<String> pathSegments) {
        List<String> mine = segments;
        if (mine.size() != pathSegments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < mine.size(); i++) {
            String part = mine.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), pathSegments.get(i));
            } else if (!part.equals(pathSegments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
