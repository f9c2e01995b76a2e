package dev.scaletest.coder.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;

/**
 * The JSON mapping Coder's API uses: snake_case names, RFC 3339 timestamps, unknown fields ignored
 * (newer coderd versions add fields all the time), enums kept as plain strings in the records.
 */
public final class CoderJson {
    private CoderJson() {}

    /** A new, fully configured mapper; mappers are thread-safe, so share one per process. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                // Registered after JavaTimeModule, so it takes precedence for OffsetDateTime.
                .addModule(new SimpleModule("scaletest-rfc3339").addDeserializer(OffsetDateTime.class, new Rfc3339.Deserializer()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
