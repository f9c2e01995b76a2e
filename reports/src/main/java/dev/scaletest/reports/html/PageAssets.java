package dev.scaletest.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files the HTML page inlines (uPlot and the page's own script and style), read from the
 * class path by absolute name: a relative name with {@code ..} resolves against a directory of
 * classes but names no entry inside a jar.
 */
final class PageAssets {
    static final String UPLOT_JS = "dev/scaletest/reports/vendor/uplot/uPlot.iife.min.js";
    static final String UPLOT_CSS = "dev/scaletest/reports/vendor/uplot/uPlot.min.css";
    static final String PAGE_JS = "dev/scaletest/reports/html/report.js";
    static final String PAGE_CSS = "dev/scaletest/reports/html/report.css";

    private final ClassLoader loader;

    PageAssets(ClassLoader loader) {
        this.loader = loader;
    }

    String read(String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the HTML report's asset " + name + " is missing from the class path;"
                        + " rebuild the tool");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }
}
