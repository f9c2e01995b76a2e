package dev.scaletest.coder.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoQueryTest {

    @Test
    void goQuoteMatchesGo() {
        assertEquals("\"scaletest-\"", GoQuery.quote("scaletest-"));
        assertEquals("\"a\\\"b\\\\c\\n\\t\\x01\"", GoQuery.quote("a\"b\\c\n\t\u0001"));
        assertEquals("%2F%20%C3%A9", GoQuery.pathSegment("/ é"));
    }

    @Test
    void queriesSortKeysAndEscapeLikeUrlValuesEncode() {
        assertEquals("command=echo+%27a%2Ab~c%27+%26%26+exit&height=25",
                new GoQuery().set("height", "25").set("command", "echo 'a*b~c' && exit").encode());
        assertEquals("q=", new GoQuery().set("q", "").setPositive("limit", 0).encode());
    }
}
