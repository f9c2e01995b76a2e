/**
 * Where a report goes and in which format: {@link dev.scaletest.reports.output.OutputTarget} is one
 * {@code --output} entry, {@link dev.scaletest.reports.output.ReportWriter} the one place the text,
 * JSON and HTML renderings are told apart.
 *
 * <p>May import, of the project: {@code dev.scaletest.reports} (the model) and
 * {@code dev.scaletest.reports.html}. It sits on top of the module: nothing else in it imports
 * this package.
 */
package dev.scaletest.reports.output;
