/**
 * workspace-traffic's Prometheus export while it runs: run-time serving, not a report (the reports
 * read the run's own metrics, named in {@link dev.scaletest.reports.MetricNames}).
 *
 * <p>{@code ScrapeEndpoint.start(registry, HostPort.parse("0.0.0.0:21112", false, 0))} serves the scrape
 * on every path. {@link dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics} registers Coder's
 * {@code coderd_scaletest_{bytes_read,bytes_written,read_errors,write_errors}_total} and
 * {@code coderd_scaletest_{read,write}_latency_seconds} (labels {@code username},
 * {@code workspace_name}, {@code agent_name}; Prometheus default buckets) plus
 * {@code scaletest_echo_round_trip_seconds}; each stream's series are created at 0 with one 0-second
 * observation per histogram, as Coder's are. What feeds them keeps Coder's meaning (read latency is
 * the wait for each chunk, read errors only server closes other than 1000/1001, write errors stay 0):
 * the top-level README says how, {@code MeteredTrafficRecorder} in workspace-traffic does it.
 * {@link dev.scaletest.scenarios.prometheus.ScrapeWait} implements {@code --scaletest-prometheus-wait}.
 * {@link dev.scaletest.scenarios.prometheus.MetricsPush#to} picks the final push for
 * {@code --prometheus-push-url}: {@link dev.scaletest.scenarios.prometheus.RemoteWritePush} POSTs a
 * remote write 1.0 request (protobuf, snappy) to a URL whose path ends in {@code /write},
 * {@code /push} or {@code /receive}; {@link dev.scaletest.scenarios.prometheus.PushgatewayPush} PUTs
 * the final scrape to {@code <url>/metrics/job/scaletest[/instance/<id>]} otherwise.
 */
package dev.scaletest.scenarios.prometheus;
