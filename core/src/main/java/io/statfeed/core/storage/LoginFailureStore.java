package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.LOGIN_FAILURES;

import io.statfeed.core.model.Ids;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Failed log-ins, counted per email and per client address over a recent window so that
 * password guessing can be slowed down. Emails are stored as given: callers normalise them.
 */
public final class LoginFailureStore {
    /** The longest email and client address stored; longer ones are cut (they still count). */
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_CLIENT_LENGTH = 100;

    private final DSLContext dsl;

    public LoginFailureStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Records a failed log-in and returns its id, so that a caller may {@link #forget} it again. */
    public long record(String email, String client, long atMillis) {
        long id = Ids.next();
        dsl.insertInto(LOGIN_FAILURES)
                .set(LOGIN_FAILURES.ID, id)
                .set(LOGIN_FAILURES.EMAIL, cut(email, MAX_EMAIL_LENGTH))
                .set(LOGIN_FAILURES.CLIENT, cut(client, MAX_CLIENT_LENGTH))
                .set(LOGIN_FAILURES.FAILED_AT, atMillis)
                .execute();
        return id;
    }

    /** Removes one recorded failure. */
    public boolean forget(long id) {
        return dsl.deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.ID.eq(id)).execute() == 1;
    }

    /** Failures for the email at or after {@code sinceMillis}. */
    public int countByEmail(String email, long sinceMillis) {
        return dsl.fetchCount(LOGIN_FAILURES, ofEmail(email, sinceMillis));
    }

    /** Failures from the client address at or after {@code sinceMillis}. */
    public int countByClient(String client, long sinceMillis) {
        return dsl.fetchCount(LOGIN_FAILURES, ofClient(client, sinceMillis));
    }

    /**
     * When the {@code n}-th newest failure for the email since {@code sinceMillis} happened, if
     * there are that many: once it leaves a window, fewer than {@code n} remain in it.
     */
    public Optional<Long> nthNewestByEmail(String email, long sinceMillis, int n) {
        return nthNewest(ofEmail(email, sinceMillis), n);
    }

    /** As {@link #nthNewestByEmail}, for a client address. */
    public Optional<Long> nthNewestByClient(String client, long sinceMillis, int n) {
        return nthNewest(ofClient(client, sinceMillis), n);
    }

    /** Forgets the failures for an email, after its owner logged in; returns how many there were. */
    public int clearEmail(String email) {
        return dsl.deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.EMAIL.eq(cut(email, MAX_EMAIL_LENGTH))).execute();
    }

    /** Removes failures older than {@code beforeMillis}, which no window looks at any more. */
    public int deleteOlderThan(long beforeMillis) {
        return dsl.deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.FAILED_AT.lt(beforeMillis)).execute();
    }

    private Optional<Long> nthNewest(Condition condition, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts from 1, got " + n);
        }
        return dsl.select(LOGIN_FAILURES.FAILED_AT).from(LOGIN_FAILURES)
                .where(condition)
                .orderBy(LOGIN_FAILURES.FAILED_AT.desc())
                .limit(1).offset(n - 1)
                .fetchOptional(LOGIN_FAILURES.FAILED_AT);
    }

    private static Condition ofEmail(String email, long sinceMillis) {
        return LOGIN_FAILURES.EMAIL.eq(cut(email, MAX_EMAIL_LENGTH)).and(LOGIN_FAILURES.FAILED_AT.ge(sinceMillis));
    }

    private static Condition ofClient(String client, long sinceMillis) {
        return LOGIN_FAILURES.CLIENT.eq(cut(client, MAX_CLIENT_LENGTH)).and(LOGIN_FAILURES.FAILED_AT.ge(sinceMillis));
    }

    private static String cut(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }
}
