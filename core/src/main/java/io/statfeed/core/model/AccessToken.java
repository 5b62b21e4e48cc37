package io.statfeed.core.model;

import java.util.Optional;

/**
 * An access token of an account as it is listed: never its secret, which is shown once when the
 * token is created and stored only as a hash.
 */
public record AccessToken(long id, long accountId, String name, long createdAtMillis,
                          Optional<Long> revokedAtMillis) {
    public boolean revoked() {
        return revokedAtMillis.isPresent();
    }
}
