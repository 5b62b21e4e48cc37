package io.statfeed.core.model;

/** A named series in an account: a counter (summed per interval) or a value (averaged). */
public record Stat(long id, long accountId, String name, boolean counter, String key, boolean isPublic,
                   long createdAtMillis) {
}
