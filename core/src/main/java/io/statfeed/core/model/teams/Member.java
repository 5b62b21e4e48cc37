package io.statfeed.core.model.teams;

/** A person in an account, with their role and when they joined it. */
public record Member(long userId, String email, Role role, long joinedAtMillis) {
}
