package dev.scaletest.coder;

import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.GoQuery;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finds the template named by {@code --template}: a non-nil UUID is fetched directly; anything else
 * is the first exact name match in the caller's organizations, in {@code organization_ids} order.
 */
public final class TemplateResolver {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CoderClient client;

    public TemplateResolver(CoderClient client) {
        this.client = client;
    }

    public Template resolve(String nameOrId, User me) throws CoderApiException, CoderSetupException, InterruptedException {
        Optional<UUID> id = parseUuid(nameOrId).filter(u -> u.getMostSignificantBits() != 0 || u.getLeastSignificantBits() != 0);
        if (id.isPresent()) {
            return client.template(id.get());
        }
        for (UUID organization : me.organizationIds()) {
            for (Template t : client.templates(organization)) {
                if (nameOrId.equals(t.name())) {
                    return t;
                }
            }
        }
        throw new CoderSetupException("could not find template " + GoQuery.quote(nameOrId) + " in any organization");
    }

    /**
     * The UUID forms Go's {@code uuid.Parse} accepts: canonical, {@code urn:uuid:} prefixed, in
     * braces, or 32 bare hex digits. {@link UUID#fromString} is laxer (it takes "1-1-1-1-1"), so
     * it is only used after the shape matched.
     */
    static Optional<UUID> parseUuid(String s) {
        String v = s;
        if (v.length() == 45 && v.substring(0, 9).toLowerCase(Locale.ROOT).equals("urn:uuid:")) {
            v = v.substring(9);
        } else if (v.length() == 38 && v.charAt(0) == '{' && v.charAt(37) == '}') {
            v = v.substring(1, 37);
        } else if (HEX32.matcher(v).matches()) {
            v = v.substring(0, 8) + "-" + v.substring(8, 12) + "-" + v.substring(12, 16) + "-" + v.substring(16, 20) + "-"
                    + v.substring(20);
        }
        return CANONICAL.matcher(v).matches() ? Optional.of(UUID.fromString(v)) : Optional.empty();
    }
}
