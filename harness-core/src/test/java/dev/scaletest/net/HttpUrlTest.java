package dev.scaletest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpUrlTest {

    private static String problem(String text) {
        return assertThrows(IllegalArgumentException.class, () -> HttpUrl.parse(text)).getMessage();
    }

    @Test
    void aBaseLosesItsTrailingSlashesAndKeepsItsPath() {
        assertEquals(URI.create("https://coder.example.com"), HttpUrl.parseBase("https://coder.example.com//"));
        assertEquals(URI.create("http://proxy:8080/base"), HttpUrl.parseBase("http://proxy:8080/base/"));
        assertEquals(URI.create("http://gateway:9091/"), HttpUrl.parse("http://gateway:9091/"));
    }

    @Test
    void onlyHttpWithAHost() {
        assertEquals("must be an http:// or https:// URL, got \"ftp://x\"", problem("ftp://x"));
        assertEquals("must be an http:// or https:// URL, got \"proxy\"", problem("proxy"));
        assertEquals("must be an http:// or https:// URL, got \"http:///path\"", problem("http:///path"));
        assertEquals("must be an http:// or https:// URL, got \"file:/tmp\"",
                assertThrows(IllegalArgumentException.class, () -> HttpUrl.check(URI.create("file:/tmp"))).getMessage());
    }

    @Test
    void notAUrlAtAll() {
        assertEquals("\"http://a b\" is not a URL: Illegal character in authority", problem("http://a b"));
        assertEquals("must be an http:// or https:// URL, got \"proxy/\"",
                assertThrows(IllegalArgumentException.class, () -> HttpUrl.parseBase("proxy/")).getMessage());
    }
}
