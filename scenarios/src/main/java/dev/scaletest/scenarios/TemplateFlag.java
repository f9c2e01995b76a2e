package dev.scaletest.scenarios;

import dev.scaletest.coder.CoderSetupException;
import dev.scaletest.coder.TemplateResolver;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.wire.CoderApiException;

/**
 * {@code --template NAME|ID} as every command checks it before doing anything: resolved through
 * {@link TemplateResolver}, an unknown template is bad input (one line, exit code 2).
 */
public final class TemplateFlag {
    private TemplateFlag() {}

    public static Template resolve(RunSession session, String nameOrId) throws InterruptedException {
        try {
            return new TemplateResolver(session.admin()).resolve(nameOrId, session.me());
        } catch (CoderSetupException e) {
            throw new ConfigException("--template: " + e.getMessage());
        } catch (CoderApiException e) {
            throw SetupFailures.describe(e);
        }
    }
}
