package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The JDK modules a folder of jars uses, as jdeps sees them. jdeps reads a modular jar as a module
 * and then insists on resolving every module it requires, which a plain class path never does; so
 * each jar's classes are unpacked without their module descriptor and read as a class path.
 */
final class JdkModulesUsed {
    /** {@code "name -> java.sql"}, jdeps' summary line for one dependency on a JDK module. */
    private static final Pattern JDK_MODULE = Pattern.compile("(?m)->\\s+((?:java|jdk)\\.[\\w.]+)\\s*$");

    private JdkModulesUsed() {}

    /** The java.* and jdk.* modules the jars under {@code folder} use (classes for Java {@code feature}), java.base included. */
    static Set<String> by(Path folder, int feature, Path scratch) throws IOException {
        List<String> args = new ArrayList<>(List.of("--multi-release", String.valueOf(feature), "--ignore-missing-deps", "-s"));
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                Path classes = scratch.resolve(jar.getFileName().toString());
                unpackClasses(jar, classes);
                args.add(classes.toString());
            }
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps: the tests run on a JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, exit, "jdeps " + args + "\n" + err);
        Set<String> modules = new TreeSet<>();
        Matcher m = JDK_MODULE.matcher(out.toString());
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    private static void unpackClasses(Path jar, Path into) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the jar's folder: " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
    }
}
