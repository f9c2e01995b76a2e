package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Every error is one line on stderr, {@code scaletest: <what is wrong>}: bad input (parse errors,
 * failed validation, a {@link ConfigException} from the launcher) exits 2 with a pointer to the
 * command's help; anything else exits 1, with the stack trace only under {@code --verbose}.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final BooleanSupplier verbose;
    private final FlagOrigins origins;

    OneLineErrors(BooleanSupplier verbose, FlagOrigins origins) {
        this.verbose = verbose;
        this.origins = origins;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        String message = origins.trace(ex.getMessage(), command, List.of(args));
        err.println("scaletest: " + oneLine(message) + suggestion(ex) + " " + helpHint(command));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** For a mistyped flag or command, picocli's closest matches. */
    private static String suggestion(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> close = unmatched.getSuggestions();
            return " Did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size()))) + "?";
        }
        return "";
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (ex instanceof ConfigException) {
            String message = origins.trace(ex.getMessage(), command, parseResult == null ? List.of() : parseResult.originalArgs());
            err.println("scaletest: " + oneLine(message) + " " + helpHint(command));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("scaletest: " + oneLine(describe(ex)));
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.RUN_FAILED;
    }

    private static String helpHint(CommandLine command) {
        return "Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.";
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = ex.getCause();
            return cause != null && cause != ex ? describe(cause) : ex.getClass().getSimpleName();
        }
        return message;
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "invalid input";
        }
        String flat = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return flat.endsWith(".") || flat.endsWith("?") ? flat : flat + ".";
    }
}
