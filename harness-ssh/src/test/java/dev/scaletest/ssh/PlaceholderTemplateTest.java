package dev.scaletest.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderTemplateTest {
    private static final List<String> NAMES = List.of("owner", "workspace");

    @Test
    void replacesEveryOccurrenceAndKeepsTheRest() {
        PlaceholderTemplate t = new PlaceholderTemplate("{owner}.{workspace} ({workspace})", NAMES);
        assertEquals("alice.ws-1 (ws-1)", t.expand(Map.of("owner", "alice", "workspace", "ws-1")));
        assertTrue(t.uses("owner"));
    }

    @Test
    void shellSyntaxIsNotAPlaceholder() {
        String text = "coder --url ${CODER_URL} ssh --stdio {workspace} | awk '{print $1}' {} {a,b}";
        PlaceholderTemplate t = new PlaceholderTemplate(text, NAMES);
        assertFalse(t.uses("owner"));
        assertEquals("coder --url ${CODER_URL} ssh --stdio w | awk '{print $1}' {} {a,b}", t.expand(Map.of("workspace", "w")));
    }

    @Test
    void valuesAreInsertedLiterally() {
        PlaceholderTemplate t = new PlaceholderTemplate("x {owner}", NAMES);
        assertEquals("x $1\\z", t.expand(Map.of("owner", "$1\\z")));
    }

    @Test
    void unknownPlaceholderIsNamedWithTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlaceholderTemplate("ssh {wrkspace}", NAMES));
        assertEquals("unknown placeholder {wrkspace} (the placeholders are {owner}, {workspace})", e.getMessage());
    }

    @Test
    void aPlaceholderWithoutAValueIsAnError() {
        PlaceholderTemplate t = new PlaceholderTemplate("{owner}", NAMES);
        assertThrows(IllegalArgumentException.class, () -> t.expand(Map.of("workspace", "w")));
    }
}
