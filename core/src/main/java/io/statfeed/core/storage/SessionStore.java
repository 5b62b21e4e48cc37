package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.MEMBERSHIPS;
import static io.statfeed.core.storage.schema.Tables.SESSIONS;
import static io.statfeed.core.storage.schema.Tables.USERS;

import io.statfeed.core.model.Session;
import io.statfeed.core.storage.schema.tables.records.SessionsRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Web sessions, shared by every web-app process through the database. Sessions are found by the
 * SHA-256 of their token ({@link io.statfeed.core.model.Secrets#sha256Hex}); the token is never stored.
 */
public final class SessionStore {
    /** A live session with the email of its user, read together because every page shows it. */
    public record LiveSession(Session session, String email) {
    }

    private final DSLContext dsl;

    public SessionStore(Database database) {
        this.dsl = database.dsl();
    }

    public void create(Session session) {
        dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID_HASH, session.idHash())
                .set(SESSIONS.USER_ID, session.userId())
                .set(SESSIONS.ACCOUNT_ID, session.accountId())
                .set(SESSIONS.CSRF_TOKEN, session.csrfToken())
                .set(SESSIONS.CREATED_AT, session.createdAtMillis())
                .set(SESSIONS.LAST_SEEN_AT, session.lastSeenAtMillis())
                .set(SESSIONS.EXPIRES_AT, session.expiresAtMillis())
                .execute();
    }

    /**
     * The session with that token hash if it has not expired at {@code nowMillis} and its user is
     * still a member of its account (a user taken off an account loses their sessions in it).
     */
    public Optional<LiveSession> findLive(String idHash, long nowMillis) {
        return dsl.select(SESSIONS.fields()).select(USERS.EMAIL)
                .from(SESSIONS)
                .join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .join(MEMBERSHIPS).on(MEMBERSHIPS.USER_ID.eq(SESSIONS.USER_ID)
                        .and(MEMBERSHIPS.ACCOUNT_ID.eq(SESSIONS.ACCOUNT_ID)))
                .where(SESSIONS.ID_HASH.eq(idHash).and(SESSIONS.EXPIRES_AT.gt(nowMillis)))
                .fetchOptional(r -> new LiveSession(toSession(r.into(SESSIONS)), r.get(USERS.EMAIL)));
    }

    /**
     * Records that the session was used and moves its expiry (sliding expiry). An expired session
     * is not brought back; false if there was no live session of that hash.
     */
    public boolean touch(String idHash, long nowMillis, long newExpiresAtMillis) {
        return dsl.update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, nowMillis)
                .set(SESSIONS.EXPIRES_AT, newExpiresAtMillis)
                .where(SESSIONS.ID_HASH.eq(idHash).and(SESSIONS.EXPIRES_AT.gt(nowMillis)))
                .execute() == 1;
    }

    /**
     * Moves a live session of the user to another account they belong to (the account switcher);
     * false if there is no such live session or the user is not a member of that account.
     */
    public boolean moveToAccount(String idHash, long userId, long accountId, long nowMillis) {
        return dsl.update(SESSIONS).set(SESSIONS.ACCOUNT_ID, accountId)
                .where(SESSIONS.ID_HASH.eq(idHash).and(SESSIONS.USER_ID.eq(userId))
                        .and(SESSIONS.EXPIRES_AT.gt(nowMillis)))
                .andExists(dsl.selectOne().from(MEMBERSHIPS)
                        .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId).and(MEMBERSHIPS.USER_ID.eq(userId))))
                .execute() == 1;
    }

    /** Ends one session; false if there was none of that hash. */
    public boolean delete(String idHash) {
        return dsl.deleteFrom(SESSIONS).where(SESSIONS.ID_HASH.eq(idHash)).execute() == 1;
    }

    /** Ends every session of a user ("log out everywhere"); returns how many there were. */
    public int deleteAllOfUser(long userId) {
        return dsl.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId)).execute();
    }

    /** Removes sessions that expired at or before {@code nowMillis}; returns how many. */
    public int deleteExpired(long nowMillis) {
        return dsl.deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.le(nowMillis)).execute();
    }

    private static Session toSession(SessionsRecord r) {
        return new Session(r.getIdHash(), r.getUserId(), r.getAccountId(), r.getCsrfToken(), r.getCreatedAt(),
                r.getLastSeenAt(), r.getExpiresAt());
    }
}
