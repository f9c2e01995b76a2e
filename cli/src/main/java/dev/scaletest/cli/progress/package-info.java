/**
 * Live progress on stderr: a bar per phase on a terminal, plain lines every few seconds
 * otherwise, or one JSON object per line, fed by the counts and samples a scenario's
 * {@link dev.scaletest.scenarios.run.RunObserver} hands over.
 *
 * <p>May use {@code harness} and {@code scenarios.run}, and the progressbar library.
 */
package dev.scaletest.cli.progress;
