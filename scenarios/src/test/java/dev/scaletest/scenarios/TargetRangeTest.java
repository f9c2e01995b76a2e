package dev.scaletest.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetRangeTest {

    @Test
    void emptyMeansAll() {
        assertEquals(TargetRange.ALL, TargetRange.parse("workspaces", ""));
        assertEquals(TargetRange.ALL, TargetRange.parse("workspaces", null));
    }

    @Test
    void parsesStartAndEnd() {
        assertEquals(new TargetRange(5, 10), TargetRange.parse("workspaces", "5:10"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5|invalid target workspaces \"5\"",
            "1:2:3|invalid target workspaces \"1:2:3\"",
            "a:2|invalid target workspaces \"a:2\": strconv.Atoi: parsing \"a\": invalid syntax",
            "1:|invalid target workspaces \"1:\": strconv.Atoi: parsing \"\": invalid syntax",
            "1:99999999999|invalid target workspaces \"1:99999999999\": strconv.Atoi: parsing \"99999999999\": value out of range",
            "3:3|invalid target workspaces \"3:3\": start and end cannot be equal",
            "5:2|invalid target workspaces \"5:2\": end cannot be less than start",
            "-2:3|invalid target workspaces \"-2:3\": start cannot be negative"})
    void rejectsLikeCoder(String value, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> TargetRange.parse("workspaces", value)).getMessage());
    }

    @Test
    void selectsASlice() {
        List<String> all = List.of("a", "b", "c", "d");
        assertEquals(List.of("b", "c"), TargetRange.parse("workspaces", "1:3").select(all));
        assertEquals(all, TargetRange.ALL.select(all));
    }

    @Test
    void selectionErrors() {
        assertEquals("no scaletest workspaces exist",
                assertThrows(ConfigException.class, () -> TargetRange.ALL.select(List.of())).getMessage());
        assertThrows(ConfigException.class, () -> new TargetRange(0, 5).select(List.of("a")));
    }
}
