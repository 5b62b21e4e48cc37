package io.statfeed.interactor.teams;

import io.statfeed.core.model.teams.Role;

/**
 * What an invite mail says: who invites whom into which account with what role, and the link's
 * token, which is in this mail and nowhere else (storage keeps its hash).
 */
public record InviteLetter(String to, String inviterEmail, String accountName, Role role, String webBase,
                           String token, long expiresAtMillis, String messageId) {
    @Override
    public String toString() {
        return "InviteLetter[to=" + to + ", accountName=" + accountName + ", role=" + role + "]"; // no token in logs
    }
}
