package dev.scaletest.coder;

import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.UsersPage;
import dev.scaletest.coder.wire.CoderApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the users scaletest created: {@code q=scaletest-} in pages of 100 until the first empty
 * page, kept when the username starts with {@code scaletest-} or the e-mail ends with
 * {@code @scaletest.local}.
 */
public final class ScaletestUsers {
    public static final String PREFIX = "scaletest-";
    public static final String EMAIL_DOMAIN = "@scaletest.local";
    public static final int PAGE_SIZE = 100;

    private final CoderClient client;

    public ScaletestUsers(CoderClient client) {
        this.client = client;
    }

    public static boolean isScaletest(User u) {
        return (u.username() != null && u.username().startsWith(PREFIX)) || (u.email() != null && u.email().endsWith(EMAIL_DOMAIN));
    }

    public List<User> list() throws CoderApiException, InterruptedException {
        List<User> kept = new ArrayList<>();
        for (int page = 0; ; page++) {
            UsersPage p = client.users(PREFIX, PAGE_SIZE, page * PAGE_SIZE);
            if (p.users().isEmpty()) {
                return kept;
            }
            p.users().stream().filter(ScaletestUsers::isScaletest).forEach(kept::add);
        }
    }
}
