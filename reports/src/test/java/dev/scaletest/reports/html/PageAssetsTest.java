package dev.scaletest.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.reports.HtmlFixtures;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's assets load from a jar, as they must from the packaged tool, not only from a classes folder. */
class PageAssetsTest {
    private static final List<String> ALL =
            List.of(PageAssets.UPLOT_JS, PageAssets.UPLOT_CSS, PageAssets.PAGE_JS, PageAssets.PAGE_CSS);

    @TempDir
    Path tmp;

    @Test
    void everyAssetLoadsFromAJar() throws Exception {
        Path jar = jarOfAssets();
        try (URLClassLoader fromJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // The old relative lookup (html/../vendor) finds nothing inside a jar; absolute names do.
            assertNull(fromJar.getResource("dev/scaletest/reports/html/../vendor/uplot/uPlot.iife.min.js"));
            PageAssets assets = new PageAssets(fromJar);
            for (String name : ALL) {
                assertEquals(Files.readString(Path.of(getClass().getClassLoader().getResource(name).toURI())),
                        assets.read(name), name);
            }
            String html = new HtmlReport(assets).render(HtmlFixtures.report());
            assertTrue(html.contains(assets.read(PageAssets.UPLOT_JS)), "uPlot inlined from the jar");
        }
    }

    @Test
    void aMissingAssetIsNamed() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new PageAssets(empty).read(PageAssets.UPLOT_JS));
            assertTrue(e.getMessage().contains("uPlot.iife.min.js"), e.getMessage());
        }
    }

    private Path jarOfAssets() throws Exception {
        Path jar = tmp.resolve("assets.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : ALL) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
