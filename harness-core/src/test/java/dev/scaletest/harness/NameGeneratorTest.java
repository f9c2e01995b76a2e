package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameGeneratorTest {
    private static final Pattern USERNAME = Pattern.compile("scaletest-([0-9A-Za-z]{8})-(\\d+)");
    private final NameGenerator names = new NameGenerator();

    @Test
    void userNameAndEmailShareTheRandomPart() {
        GeneratedUser user = names.user("17");
        Matcher m = USERNAME.matcher(user.username());
        assertTrue(m.matches(), user.username());
        assertEquals("17", m.group(2));
        assertEquals(m.group(1) + "-17@scaletest.local", user.email());
        assertTrue(user.username().length() <= 32);
    }

    @Test
    void workspaceNamesAreIndependent() {
        String name = names.workspaceName("3");
        assertTrue(USERNAME.matcher(name).matches(), name);
        assertNotEquals(name, names.workspaceName("3"));
    }

    @Test
    void passwordIsSixteenAlphabetCharactersAndNeverPrinted() {
        Password password = names.password();
        assertTrue(password.reveal().matches("[0-9A-Za-z]{16}"), password.reveal());
        assertEquals("****************", password.toString());
        GeneratedUser user = names.user("0");
        assertFalse(user.toString().contains(user.password().reveal()), user.toString());
    }

    @Test
    void drawsFromTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            for (char c : names.randomString(8).toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(62, seen.size());
    }
}
