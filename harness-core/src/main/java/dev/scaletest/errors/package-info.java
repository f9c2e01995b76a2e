/**
 * The error classes every layer speaks: {@link dev.scaletest.errors.ErrorClass} is how the Coder
 * client, the WebSocket and SSH streams, the scenarios and the reports name why something failed,
 * so a failure is classed once where it happens and grouped by the same name in the report.
 *
 * <p>This package sits below everything else and imports nothing of the project.
 */
package dev.scaletest.errors;
