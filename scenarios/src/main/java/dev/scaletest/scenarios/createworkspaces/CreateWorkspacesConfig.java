package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.RichParameters;
import dev.scaletest.scenarios.StrategyConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code create-workspaces}: create {@code count} users (or use the caller's login), one workspace
 * each from {@code template} (empty: the deployment's own template), wait for builds and agents, optionally check a command in each, then
 * clean up unless {@code noCleanup}.
 *
 * @param retry      extra start builds to try when a build fails
 * @param connectUrl Coder's {@code --connect-url}; accepted so old scripts parse, but any value
 *                   fails validation (it needs Coder's WireGuard network)
 */
public record CreateWorkspacesConfig(
        int count,
        int retry,
        String template,
        boolean noCleanup,
        boolean noWaitForAgents,
        Optional<CommandCheck> commandCheck,
        String connectUrl,
        boolean useHostLogin,
        RichParameters parameters,
        StrategyConfig strategy,
        StrategyConfig cleanupStrategy) {

    static final String TEMPLATE_REQUIRED =
            "--template is required: pass the template name or ID with --template or set CODER_SCALETEST_TEMPLATE";

    public CreateWorkspacesConfig {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(commandCheck, "commandCheck");
        Objects.requireNonNull(connectUrl, "connectUrl");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(cleanupStrategy, "cleanupStrategy");
    }

    /**
     * Checks the flags' rules.
     *
     * @param targetOffersTemplate the deployment names its own template (the built-in simulator),
     *                             so an empty {@code template} means that one
     */
    public CreateWorkspacesConfig validate(boolean targetOffersTemplate) {
        if (count <= 0) {
            throw new ConfigException("--count is required and must be greater than 0");
        }
        if (retry < 0) {
            throw new ConfigException("--retry must not be negative, got " + retry);
        }
        if (template.isBlank() && !targetOffersTemplate) {
            throw new ConfigException(TEMPLATE_REQUIRED);
        }
        if (!connectUrl.isEmpty()) {
            throw new ConfigException("--connect-url is not supported: it needs Coder's WireGuard network, which scaletest does not join; use --run-command instead");
        }
        commandCheck.ifPresent(CommandCheck::validate);
        strategy.validate();
        cleanupStrategy.validate();
        return this;
    }
}
