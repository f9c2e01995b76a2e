package dev.scaletest.coder;

import dev.scaletest.coder.model.User;
import dev.scaletest.coder.wire.CoderApiException;

/** Scale tests may only be run by site owners; Coder's tool checks it client-side first. */
public final class OwnerCheck {
    public static final String NOT_OWNER = "Not logged in as a site owner. Scale testing is only available to site owners.";

    private OwnerCheck() {}

    /** {@code GET /users/me} and require the {@code owner} role; returns the caller. */
    public static User requireSiteOwner(CoderClient client) throws CoderApiException, CoderSetupException, InterruptedException {
        User me = client.me();
        if (!me.siteOwner()) {
            throw new CoderSetupException(NOT_OWNER);
        }
        return me;
    }
}
