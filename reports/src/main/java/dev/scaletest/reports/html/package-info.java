/**
 * The HTML report: {@link dev.scaletest.reports.html.HtmlReport} renders one self-contained page
 * (tables here, charts drawn by the page's script from {@code ChartData}, uPlot and the page's
 * assets inlined), and {@link dev.scaletest.reports.html.HtmlRerender} makes the same page from a
 * JSON report.
 *
 * <p>May import, of the project: {@code dev.scaletest.reports} (the model),
 * {@code dev.scaletest.reports.thresholds}, {@code dev.scaletest.errors} and
 * {@code dev.scaletest.harness}. Of the module only the writer ({@code reports.output}) imports
 * this package.
 */
package dev.scaletest.reports.html;
