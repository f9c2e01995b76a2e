package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NOTICE names exactly the third-party jars the packaged tool ships in its lib folder (a new runtime
 * dependency fails here until NOTICE lists it with its licence), LICENSE is the Apache License 2.0,
 * and NOTICE says that Coder's AGPL-licensed OpenAPI file is test data only.
 */
class NoticeTest {
    private static final Path ROOT = Path.of("..");
    private static final String OWN_GROUP = "dev.scaletest";
    /** {@code artifactId-version[-classifier].jar}, the names maven-dependency-plugin copies jars under. */
    private static final Pattern JAR_NAME = Pattern.compile("(.+?)-(\\d[^-]*)(?:-.+)?\\.jar");
    private static final Pattern COORDINATE = Pattern.compile("(?m)^ {4}([\\w.-]+):([\\w.-]+)\\s*$");

    @Test
    void noticeListsExactlyTheThirdPartyJarsThatShip() throws IOException {
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> jars = Files.list(PackagedJar.libraries())) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                if (!OWN_GROUP.equals(groupOf(jar))) {
                    shipped.add(artifactOf(jar));
                }
            }
        }
        assertTrue(shipped.size() > 10, "the lib folder holds the runtime jars: " + shipped);

        Set<String> listed = new TreeSet<>();
        Matcher m = COORDINATE.matcher(Files.readString(ROOT.resolve("NOTICE")));
        while (m.find()) {
            listed.add(m.group(2));
        }
        assertEquals(shipped, listed, "NOTICE's list of bundled jars (groupId:artifactId under their licence)");
    }

    @Test
    void licenceIsApacheTwoAndNoticeKeepsCodersApiFileOutOfTheProduct() throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                && license.contains("END OF TERMS AND CONDITIONS") && license.contains("APPENDIX: How to apply"),
                "the full text of the Apache License 2.0");
        String notice = Files.readString(ROOT.resolve("NOTICE"));
        assertTrue(notice.contains("Apache License, Version 2.0"), notice);
        assertTrue(notice.contains("uPlot") && notice.contains("Leon Sorokin") && notice.contains("MIT"), "uPlot's notice");
        assertTrue(notice.contains("coder-api/swagger.json") && notice.contains("AGPL-3.0") && notice.contains("test data only"),
                "Coder's OpenAPI file is named as test data, not part of the product");
    }

    /** The jar's Maven group from its pom.properties; null for jars built without one (Gradle builds). */
    private static String groupOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).findFirst();
            if (entry.isEmpty()) {
                return null;
            }
            Properties pom = new Properties();
            try (InputStream in = file.getInputStream(entry.get())) {
                pom.load(in);
            }
            return pom.getProperty("groupId");
        }
    }

    private static String artifactOf(Path jar) {
        Matcher m = JAR_NAME.matcher(jar.getFileName().toString());
        assertTrue(m.matches(), "not artifactId-version.jar: " + jar.getFileName());
        return m.group(1);
    }
}
