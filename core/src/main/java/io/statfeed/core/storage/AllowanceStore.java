package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACCOUNT_ALLOWANCES;

import io.statfeed.core.storage.schema.tables.records.AccountAllowancesRecord;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Per-account allowances kept in storage, so that a limit holds for the account whatever the
 * number of processes spending it, and a restart does not refill it. Each is a token bucket: up
 * to {@code capacity} at once, refilled at {@code capacity} per {@code refillMillis}.
 */
public final class AllowanceStore {
    /** What a limit counts; its name is the row's kind. */
    public enum Kind {
        NEW_STATS("new_stats");

        private final String storedName;

        Kind(String storedName) {
            this.storedName = storedName;
        }
    }

    /** A bucket's size and how long it takes to fill from empty. */
    public record Limit(int capacity, long refillMillis) {
        double perMilli() {
            return (double) capacity / refillMillis;
        }
    }

    /**
     * Whether one was taken, and in how many milliseconds one will be there again (0: there is
     * one now), so that the caller may refuse from memory until then.
     */
    public record Grant(boolean taken, long nextInMillis) {
    }

    private final DSLContext dsl;

    public AllowanceStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Takes one from the account's allowance of that kind, if there is one. */
    public Grant take(long accountId, Kind kind, Limit limit, long nowMillis) {
        try {
            return takeOnce(accountId, kind, limit, nowMillis);
        } catch (DataAccessException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            return takeOnce(accountId, kind, limit, nowMillis); // the row is there now
        }
    }

    private Grant takeOnce(long accountId, Kind kind, Limit limit, long nowMillis) {
        return Retries.onDeadlock(() -> dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            AccountAllowancesRecord row = db.selectFrom(ACCOUNT_ALLOWANCES)
                    .where(ACCOUNT_ALLOWANCES.ACCOUNT_ID.eq(accountId).and(ACCOUNT_ALLOWANCES.KIND.eq(kind.storedName)))
                    .forUpdate().fetchOptional().orElse(null);
            double tokens = row == null ? limit.capacity()
                    : Math.min(limit.capacity(),
                            row.getTokens() + Math.max(0, nowMillis - row.getUpdatedAt()) * limit.perMilli());
            if (tokens < 1) {
                return new Grant(false, untilOne(tokens, limit));
            }
            if (row == null) {
                // Two first takes at once: one insert wins, the other's unique violation is taken again.
                db.insertInto(ACCOUNT_ALLOWANCES)
                        .set(ACCOUNT_ALLOWANCES.ACCOUNT_ID, accountId)
                        .set(ACCOUNT_ALLOWANCES.KIND, kind.storedName)
                        .set(ACCOUNT_ALLOWANCES.TOKENS, tokens - 1)
                        .set(ACCOUNT_ALLOWANCES.UPDATED_AT, nowMillis)
                        .execute();
            } else {
                db.update(ACCOUNT_ALLOWANCES)
                        .set(ACCOUNT_ALLOWANCES.TOKENS, tokens - 1)
                        .set(ACCOUNT_ALLOWANCES.UPDATED_AT, Math.max(nowMillis, row.getUpdatedAt()))
                        .where(ACCOUNT_ALLOWANCES.ACCOUNT_ID.eq(accountId)
                                .and(ACCOUNT_ALLOWANCES.KIND.eq(kind.storedName)))
                        .execute();
            }
            return new Grant(true, tokens - 1 >= 1 ? 0 : untilOne(tokens - 1, limit));
        }));
    }

    private static long untilOne(double tokens, Limit limit) {
        return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perMilli()));
    }
}
