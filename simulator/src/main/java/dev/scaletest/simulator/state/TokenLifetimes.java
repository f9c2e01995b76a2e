package dev.scaletest.simulator.state;

import java.time.Duration;

/**
 * How long minted API tokens live, with coderd's defaults: {@code --default-token-lifetime}
 * (168h, when a request asks for none), {@code --max-token-lifetime} (876600h) and
 * {@code --max-admin-token-lifetime} (168h, for tokens of users with the owner role). The maximum
 * depends on the roles of the user the token is for, not on who asks.
 */
record TokenLifetimes(Duration defaultLifetime, Duration max, Duration maxAdmin) {
    static final TokenLifetimes CODERD_DEFAULTS =
            new TokenLifetimes(Duration.ofHours(168), Duration.ofHours(876_600), Duration.ofHours(168));

    Duration maxFor(boolean siteOwner) {
        return siteOwner ? maxAdmin : max;
    }
}
