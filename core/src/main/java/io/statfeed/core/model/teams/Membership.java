package io.statfeed.core.model.teams;

/**
 * An account a person belongs to, as they see it among their accounts. {@code ownerEmail} names
 * the account ("ada@example.com's account"): the email of its earliest owner, or empty when it has
 * none (the system account).
 */
public record Membership(long accountId, Role role, long joinedAtMillis, String ownerEmail) {
}
