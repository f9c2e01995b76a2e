package dev.scaletest.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.scaletest.simulator.wire.ApiException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One routed request: its path parameters, query, authenticated caller (null on public routes) and body. */
public record ApiCall(
        ChannelHandlerContext ctx,
        FullHttpRequest request,
        String routeName,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        UUID caller,
        ObjectMapper mapper) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public UUID pathUuid(String name) {
        String value = pathParams.get(name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Invalid UUID \"" + value + "\".", e.getMessage(), null);
        }
    }

    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    public String query(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    /** A non-negative integer query parameter, as coderd's pagination parser validates it. */
    public int queryInt(String name) {
        String value = query(name, "");
        if (value.isEmpty()) {
            return 0;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.validation("Query parameters have invalid values.", name,
                    "Query param \"" + name + "\" must be a valid non-negative integer (" + e.getMessage() + ")");
        }
    }

    public JsonNode body() {
        if (request.content().readableBytes() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new ApiException(400, "Request body must be valid JSON.", e.getMessage(), null);
        }
    }

    /** A UUID body field; absent, null, empty and the zero UUID all mean unset (null), as Go clients send them. */
    public static UUID optionalUuid(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            return null;
        }
        try {
            UUID id = UUID.fromString(node.asText());
            return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0 ? null : id;
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("Request body has invalid values.", field, "\"" + node.asText() + "\" is not a valid UUID");
        }
    }

    public static String optionalText(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
