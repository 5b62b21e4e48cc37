package io.statfeed.core.model.teams;

import java.util.Optional;

/**
 * An invitation of an email address into an account, as stored: never its token, of which only a
 * SHA-256 is kept. It is {@link State#PENDING} until accepted, revoked or expired.
 */
public record Invite(long id, long accountId, String email, Role role, long invitedBy, long createdAtMillis,
                     long expiresAtMillis, Optional<Long> acceptedAtMillis, Optional<Long> revokedAtMillis) {

    public enum State { PENDING, ACCEPTED, REVOKED, EXPIRED }

    /** What the invite is at {@code nowMillis}; accepted and revoked outrank expiry, as they came first. */
    public State state(long nowMillis) {
        if (acceptedAtMillis.isPresent()) {
            return State.ACCEPTED;
        }
        if (revokedAtMillis.isPresent()) {
            return State.REVOKED;
        }
        return nowMillis < expiresAtMillis ? State.PENDING : State.EXPIRED;
    }
}
