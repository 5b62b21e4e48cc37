package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.SIGNUP_ATTEMPTS;

import io.statfeed.core.model.Ids;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Sign-up attempts per client address, counted over a recent window to limit sign-ups per address. */
public final class SignupAttemptStore {
    /** The longest client address stored; longer ones are cut (they still count). */
    public static final int MAX_CLIENT_LENGTH = 100;

    private final DSLContext dsl;

    public SignupAttemptStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Records an attempt and returns its id, so that a caller may {@link #forget} it again. */
    public long record(String client, long atMillis) {
        long id = Ids.next();
        dsl.insertInto(SIGNUP_ATTEMPTS)
                .set(SIGNUP_ATTEMPTS.ID, id)
                .set(SIGNUP_ATTEMPTS.CLIENT, cut(client))
                .set(SIGNUP_ATTEMPTS.ATTEMPTED_AT, atMillis)
                .execute();
        return id;
    }

    public boolean forget(long id) {
        return dsl.deleteFrom(SIGNUP_ATTEMPTS).where(SIGNUP_ATTEMPTS.ID.eq(id)).execute() == 1;
    }

    /** Attempts from the client at or after {@code sinceMillis}. */
    public int countByClient(String client, long sinceMillis) {
        return dsl.fetchCount(SIGNUP_ATTEMPTS, ofClient(client, sinceMillis));
    }

    /** When the {@code n}-th newest attempt of the client since {@code sinceMillis} was made, if there are that many. */
    public Optional<Long> nthNewestByClient(String client, long sinceMillis, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts from 1, got " + n);
        }
        return dsl.select(SIGNUP_ATTEMPTS.ATTEMPTED_AT).from(SIGNUP_ATTEMPTS)
                .where(ofClient(client, sinceMillis))
                .orderBy(SIGNUP_ATTEMPTS.ATTEMPTED_AT.desc())
                .limit(1).offset(n - 1)
                .fetchOptional(SIGNUP_ATTEMPTS.ATTEMPTED_AT);
    }

    /** Removes attempts older than {@code beforeMillis}, which no window looks at any more. */
    public int deleteOlderThan(long beforeMillis) {
        return dsl.deleteFrom(SIGNUP_ATTEMPTS).where(SIGNUP_ATTEMPTS.ATTEMPTED_AT.lt(beforeMillis)).execute();
    }

    private static Condition ofClient(String client, long sinceMillis) {
        return SIGNUP_ATTEMPTS.CLIENT.eq(cut(client)).and(SIGNUP_ATTEMPTS.ATTEMPTED_AT.ge(sinceMillis));
    }

    private static String cut(String client) {
        return client.length() <= MAX_CLIENT_LENGTH ? client : client.substring(0, MAX_CLIENT_LENGTH);
    }
}
