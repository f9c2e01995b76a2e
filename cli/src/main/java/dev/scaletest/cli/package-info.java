/**
 * The application: {@code main} ({@link dev.scaletest.cli.ScaletestCommand}), one picocli command
 * class per subcommand with Coder's flag groups as mixins, the environment-variable defaults
 * (Coder's names), the flag scopes that keep each command's {@code --help} to its own flags, the
 * one-line errors and exit statuses, the tool version, and the launcher that turns parsed flags into
 * a scenario run ({@link dev.scaletest.cli.ProductionLauncher}) and shows it on the console
 * ({@link dev.scaletest.cli.ConsoleObserver}).
 *
 * <p>May use every other module; nothing outside this module and the end-to-end suite uses it
 * ({@code scenarios} is kept from it by its enforcer rule and {@code ScenarioBoundaryTest}).
 */
package dev.scaletest.cli;
