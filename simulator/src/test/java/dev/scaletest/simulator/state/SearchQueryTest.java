package dev.scaletest.simulator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
    @Test
    void parsesKeysQuotedAndBareValuesLikeCoderd() {
        assertEquals(List.of(new SearchQuery.Term("owner", "me"), new SearchQuery.Term("name", "scaletest- x"),
                        new SearchQuery.Term("template", "kubernetes"), new SearchQuery.Term("", "bare")),
                SearchQuery.parse("owner:\"me\" name:\"scaletest- x\"  Template:kubernetes bare").terms());
        assertEquals(List.of(), SearchQuery.parse("").terms());
        assertEquals(List.of(new SearchQuery.Term("name", "a\"b")), SearchQuery.parse("name:\"a\\\"b\"").terms());
    }
}
