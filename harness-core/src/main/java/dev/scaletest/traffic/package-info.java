/**
 * The traffic engine: paced echo streams to workspaces, measured without coordinated omission,
 * independent of how the bytes travel.
 *
 * <p>What lives here:
 * <ul>
 *   <li>One tick: {@link dev.scaletest.traffic.TickPayload} builds it (a sequence marker, printable
 *       filler, a newline) and owns the bounds of its length: at least
 *       {@link dev.scaletest.traffic.TickPayload#MIN_LENGTH}, and through a terminal at most
 *       {@link dev.scaletest.traffic.TickPayload#MAX_TERMINAL_LENGTH}. Flag validation asks
 *       {@link dev.scaletest.traffic.TickPayload#lengthProblem}; everything else asserts
 *       {@link dev.scaletest.traffic.TickPayload#requireLength}.</li>
 *   <li>The command a stream runs in the workspace, Coder's {@code dd}:
 *       {@link dev.scaletest.traffic.EchoCommand#dd}, for the SSH path (dd echoes) and the web
 *       terminal path (the terminal echoes, {@link dev.scaletest.traffic.EchoShape} says how).</li>
 *   <li>Pacing and measuring: {@link dev.scaletest.traffic.TickScheduler} (pacing wheels),
 *       {@link dev.scaletest.traffic.StartGate} (streams starting together), one
 *       {@link dev.scaletest.traffic.TrafficStream} per workspace, which finds echoes with
 *       {@link dev.scaletest.traffic.EchoTracker} and reports to a
 *       {@link dev.scaletest.traffic.TrafficRecorder}; a {@link dev.scaletest.traffic.TrafficStreamResult}
 *       per stream.</li>
 *   <li>The seam to the transports in {@code web} and {@code ssh}:
 *       {@link dev.scaletest.traffic.StreamTransport}, {@link dev.scaletest.traffic.StreamConnection},
 *       {@link dev.scaletest.traffic.StreamListener}, {@link dev.scaletest.traffic.StreamFailure}.</li>
 * </ul>
 *
 * <pre>{@code
 * TickPayload payload = new TickPayload(bytesPerTick);          // shared by every stream
 * try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(100))) {
 *     TrafficStream.Settings settings = new TrafficStream.Settings(duration, connectTimeout,
 *             finishTimeout, drainTimeout, EchoShape.RAW);
 *     TrafficStreamResult result = new TrafficStream(transport, scheduler, payload, recorder, settings).run();
 * }
 * }</pre>
 *
 * <p>May import: {@code dev.scaletest.errors} and {@code dev.scaletest.harness} ({@code GoDuration}), nothing
 * else of {@code dev.scaletest}.
 */
package dev.scaletest.traffic;
