package io.statfeed.core.model;

/** A named, ordered collection of an account's stats, shown together. */
public record Dashboard(long id, long accountId, String name, long createdAtMillis, long updatedAtMillis) {
}
