package io.statfeed.interactor;

/**
 * Who is asking: a signed-in user and the account they work in. The web app gets one from
 * {@code session.ResumeSession}; use cases trust it and scope everything they read or change to
 * {@link #accountId()}, so another account's dashboards and stats read as not found.
 */
public record Visitor(long userId, long accountId) {
}
