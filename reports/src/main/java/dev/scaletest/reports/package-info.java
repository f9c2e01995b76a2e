/**
 * The report of a run: Coder's results untouched plus what scaletest adds, built, written, merged
 * and judged.
 *
 * <p>What lives here:
 * <ul>
 *   <li>The model: {@link dev.scaletest.reports.ScaletestReport} with its
 *       {@link dev.scaletest.reports.ReportMetadata}, {@link dev.scaletest.reports.OperationStats},
 *       {@link dev.scaletest.reports.TrafficSummary}, {@link dev.scaletest.reports.Timeseries},
 *       {@link dev.scaletest.reports.ErrorTally} and {@link dev.scaletest.reports.Throttling}; the
 *       {@link dev.scaletest.reports.Verdict} and the exit status it gives.</li>
 *   <li>Collecting while a run goes on: {@link dev.scaletest.reports.ErrorTallies},
 *       {@link dev.scaletest.reports.ThrottleTallies}, failed runs classed from Coder's error text
 *       ({@link dev.scaletest.reports.RunFailures}), and the metric names a run records under and
 *       the report gives meaning to ({@link dev.scaletest.reports.MetricNames}).</li>
 *   <li>Building and writing: {@link dev.scaletest.reports.ReportBuilder} (judges the thresholds on
 *       the way), {@link dev.scaletest.reports.ReportJson} (Coder's fields first, through the injected
 *       {@link dev.scaletest.reports.ResultsCodec}), {@link dev.scaletest.reports.TextSummary},
 *       {@link dev.scaletest.reports.ThrottlingNotice}, {@link dev.scaletest.reports.ReportSchema};
 *       secrets kept out of the command line by {@link dev.scaletest.reports.CommandLineRedaction}.</li>
 *   <li>Shards: {@link dev.scaletest.reports.ReportMerger}, exact thanks to
 *       {@link dev.scaletest.reports.HistogramEncoding}.</li>
 * </ul>
 *
 * <p>May import, of the project: {@code dev.scaletest.reports.thresholds},
 * {@code dev.scaletest.errors}, {@code dev.scaletest.harness} (results) and
 * {@code dev.scaletest.metrics}; never the Coder client, the streams, the scenarios, the application
 * or the simulator. The HTML page ({@code reports.html}) and the writer ({@code reports.output})
 * sit on top of this package, not under it.
 */
package dev.scaletest.reports;
