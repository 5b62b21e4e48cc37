package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACCOUNTS;
import static io.statfeed.core.storage.schema.Tables.MEMBERSHIPS;
import static io.statfeed.core.storage.schema.Tables.SESSIONS;
import static io.statfeed.core.storage.schema.Tables.TEAM_INVITES;
import static io.statfeed.core.storage.schema.Tables.USERS;

import io.statfeed.core.model.teams.Invite;
import io.statfeed.core.model.teams.Member;
import io.statfeed.core.model.teams.Membership;
import io.statfeed.core.model.teams.Role;
import io.statfeed.core.storage.schema.tables.records.TeamInvitesRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The people of an account (its memberships) and the invites that bring more in. Every change
 * that could leave an account without an owner runs in a transaction that first locks the
 * account's row, so two owners taking each other off at once cannot both succeed.
 */
public final class TeamStore {
    /** How a change to a membership came out. */
    public enum Change { DONE, NOT_A_MEMBER, LAST_OWNER }

    /** How accepting an invite came out. */
    public enum Acceptance { JOINED, ALREADY_A_MEMBER, NOT_PENDING }

    /** An invite about to be stored: the hash of its token, never the token. */
    public record NewInvite(long id, long accountId, String email, String tokenHash, Role role, long invitedBy,
                            long createdAtMillis, long expiresAtMillis) {
    }

    private final DSLContext dsl;

    public TeamStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The account's members, oldest membership first. */
    public List<Member> members(long accountId) {
        return dsl.select(MEMBERSHIPS.USER_ID, USERS.EMAIL, MEMBERSHIPS.ROLE, MEMBERSHIPS.CREATED_AT)
                .from(MEMBERSHIPS).join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.USER_ID)
                .fetch(r -> new Member(r.value1(), r.value2(), role(r.value3()), r.value4()));
    }

    /** The person's role in the account; empty when they are not in it. */
    public Optional<Role> roleOf(long accountId, long userId) {
        return roleOf(dsl, accountId, userId);
    }

    /** The sign-in email of a user, whatever accounts they are in. */
    public Optional<String> emailOf(long userId) {
        return dsl.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(userId)).fetchOptional(USERS.EMAIL);
    }

    /** Whether someone with that (normalised) email is in the account. */
    public boolean hasMemberWithEmail(long accountId, String email) {
        return dsl.fetchExists(dsl.selectOne().from(MEMBERSHIPS).join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId).and(USERS.EMAIL.eq(email))));
    }

    /** The accounts the person belongs to, oldest membership first, each named by its earliest owner. */
    public List<Membership> accountsOf(long userId) {
        var rows = dsl.select(MEMBERSHIPS.ACCOUNT_ID, MEMBERSHIPS.ROLE, MEMBERSHIPS.CREATED_AT).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.USER_ID.eq(userId))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.ACCOUNT_ID).fetch();
        List<Long> accountIds = rows.map(r -> r.value1());
        Map<Long, String> ownerEmails = new HashMap<>();
        dsl.select(MEMBERSHIPS.ACCOUNT_ID, USERS.EMAIL).from(MEMBERSHIPS)
                .join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(MEMBERSHIPS.ACCOUNT_ID.in(accountIds).and(MEMBERSHIPS.ROLE.eq(Role.OWNER.storedName())))
                .orderBy(MEMBERSHIPS.CREATED_AT.desc(), MEMBERSHIPS.USER_ID.desc())
                .forEach(r -> ownerEmails.put(r.value1(), r.value2())); // the earliest owner is put last and stays
        return rows.map(r -> new Membership(r.value1(), role(r.value2()), r.value3(),
                ownerEmails.getOrDefault(r.value1(), "")));
    }

    public void createInvite(NewInvite invite) {
        dsl.insertInto(TEAM_INVITES)
                .set(TEAM_INVITES.ID, invite.id())
                .set(TEAM_INVITES.ACCOUNT_ID, invite.accountId())
                .set(TEAM_INVITES.EMAIL, invite.email())
                .set(TEAM_INVITES.TOKEN_HASH, invite.tokenHash())
                .set(TEAM_INVITES.ROLE, invite.role().storedName())
                .set(TEAM_INVITES.INVITED_BY, invite.invitedBy())
                .set(TEAM_INVITES.CREATED_AT, invite.createdAtMillis())
                .set(TEAM_INVITES.EXPIRES_AT, invite.expiresAtMillis())
                .execute();
    }

    /** The account's invites that can still be accepted at {@code nowMillis}, oldest first. */
    public List<Invite> pendingInvites(long accountId, long nowMillis) {
        return dsl.selectFrom(TEAM_INVITES)
                .where(TEAM_INVITES.ACCOUNT_ID.eq(accountId).and(pending(nowMillis)))
                .orderBy(TEAM_INVITES.CREATED_AT, TEAM_INVITES.ID)
                .fetch(TeamStore::toInvite);
    }

    public int countPendingInvites(long accountId, long nowMillis) {
        return dsl.fetchCount(TEAM_INVITES, TEAM_INVITES.ACCOUNT_ID.eq(accountId).and(pending(nowMillis)));
    }

    /** The invite whose token has this SHA-256, in whatever state it is. */
    public Optional<Invite> findInviteByTokenHash(String tokenHash) {
        return dsl.selectFrom(TEAM_INVITES).where(TEAM_INVITES.TOKEN_HASH.eq(tokenHash)).fetchOptional()
                .map(TeamStore::toInvite);
    }

    /**
     * Revokes a pending invite of the account. True if the account has an invite of that id
     * (revoking one that is no longer pending changes nothing); false if it has none.
     */
    public boolean revokeInvite(long accountId, long inviteId, long nowMillis) {
        int revoked = dsl.update(TEAM_INVITES).set(TEAM_INVITES.REVOKED_AT, nowMillis)
                .where(TEAM_INVITES.ID.eq(inviteId).and(TEAM_INVITES.ACCOUNT_ID.eq(accountId)))
                .and(TEAM_INVITES.ACCEPTED_AT.isNull()).and(TEAM_INVITES.REVOKED_AT.isNull())
                .execute();
        return revoked == 1
                || dsl.fetchExists(TEAM_INVITES, TEAM_INVITES.ID.eq(inviteId).and(TEAM_INVITES.ACCOUNT_ID.eq(accountId)));
    }

    /** Revokes the account's pending invites to an address, as a new invite to it replaces them; returns how many. */
    public int revokePendingInvitesTo(long accountId, String email, long nowMillis) {
        return dsl.update(TEAM_INVITES).set(TEAM_INVITES.REVOKED_AT, nowMillis)
                .where(TEAM_INVITES.ACCOUNT_ID.eq(accountId).and(TEAM_INVITES.EMAIL.eq(email)))
                .and(TEAM_INVITES.ACCEPTED_AT.isNull()).and(TEAM_INVITES.REVOKED_AT.isNull())
                .execute();
    }

    /**
     * The person joins the invite's account with its role, and the invite is used up, together or
     * not at all. Someone already in the account leaves the invite as it was.
     */
    public Acceptance accept(long inviteId, long userId, long nowMillis) {
        try {
            return dsl.transactionResult(tx -> {
                DSLContext db = tx.dsl();
                TeamInvitesRecord invite = db.selectFrom(TEAM_INVITES).where(TEAM_INVITES.ID.eq(inviteId)).forUpdate()
                        .fetchOptional().orElse(null);
                if (invite == null || toInvite(invite).state(nowMillis) != Invite.State.PENDING) {
                    return Acceptance.NOT_PENDING;
                }
                if (roleOf(db, invite.getAccountId(), userId).isPresent()) {
                    return Acceptance.ALREADY_A_MEMBER;
                }
                db.update(TEAM_INVITES).set(TEAM_INVITES.ACCEPTED_AT, nowMillis).set(TEAM_INVITES.ACCEPTED_BY, userId)
                        .where(TEAM_INVITES.ID.eq(inviteId)).execute();
                db.insertInto(MEMBERSHIPS)
                        .set(MEMBERSHIPS.ACCOUNT_ID, invite.getAccountId())
                        .set(MEMBERSHIPS.USER_ID, userId)
                        .set(MEMBERSHIPS.ROLE, invite.getRole())
                        .set(MEMBERSHIPS.CREATED_AT, nowMillis)
                        .execute();
                DirectoryChanges.record(db, invite.getAccountId(), nowMillis); // their email may be an ezkey now
                return Acceptance.JOINED;
            });
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e) && invitedAccount(inviteId)
                    .flatMap(accountId -> roleOf(accountId, userId)).isPresent()) {
                return Acceptance.ALREADY_A_MEMBER; // joined at the same moment through another invite
            }
            throw e;
        }
    }

    /** Takes a member off the account and ends their sessions in it; the last owner stays. */
    public Change removeMember(long accountId, long userId) {
        return dsl.transactionResult(tx -> removeLocked(tx.dsl(), accountId, userId));
    }

    /**
     * The person leaves the account: as {@link #removeMember}, but the session they left from
     * moves to another of their accounts instead of ending.
     */
    public Change leave(long accountId, long userId, String sessionIdHash, long nextAccountId) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (nextAccountId == accountId || roleOf(db, nextAccountId, userId).isEmpty()) {
                return Change.NOT_A_MEMBER; // of an account to move on to
            }
            lockAccount(db, accountId);
            Change allowed = removable(db, accountId, userId);
            if (allowed == Change.DONE) {
                db.update(SESSIONS).set(SESSIONS.ACCOUNT_ID, nextAccountId)
                        .where(SESSIONS.ID_HASH.eq(sessionIdHash).and(SESSIONS.USER_ID.eq(userId))
                                .and(SESSIONS.ACCOUNT_ID.eq(accountId)))
                        .execute();
                remove(db, accountId, userId);
            }
            return allowed;
        });
    }

    /** Gives a member another role; the last owner keeps theirs. */
    public Change changeRole(long accountId, long userId, Role role) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            lockAccount(db, accountId);
            Optional<Role> current = roleOf(db, accountId, userId);
            if (current.isEmpty()) {
                return Change.NOT_A_MEMBER;
            }
            if (current.get() == Role.OWNER && role != Role.OWNER && owners(db, accountId) <= 1) {
                return Change.LAST_OWNER;
            }
            db.update(MEMBERSHIPS).set(MEMBERSHIPS.ROLE, role.storedName())
                    .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId).and(MEMBERSHIPS.USER_ID.eq(userId))).execute();
            return Change.DONE;
        });
    }

    private static Change removeLocked(DSLContext db, long accountId, long userId) {
        lockAccount(db, accountId);
        Change allowed = removable(db, accountId, userId);
        if (allowed == Change.DONE) {
            remove(db, accountId, userId);
        }
        return allowed;
    }

    /** Whether the person can be taken off the account: {@link Change#DONE} if so. */
    private static Change removable(DSLContext db, long accountId, long userId) {
        Optional<Role> role = roleOf(db, accountId, userId);
        if (role.isEmpty()) {
            return Change.NOT_A_MEMBER;
        }
        return role.get() == Role.OWNER && owners(db, accountId) <= 1 ? Change.LAST_OWNER : Change.DONE;
    }

    private static void remove(DSLContext db, long accountId, long userId) {
        DirectoryChanges.record(db, accountId, System.currentTimeMillis()); // their email is no ezkey of it now
        db.deleteFrom(MEMBERSHIPS).where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId).and(MEMBERSHIPS.USER_ID.eq(userId)))
                .execute();
        // Sessions are also checked against memberships on every request; deleting them is the clean-up.
        db.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId).and(SESSIONS.ACCOUNT_ID.eq(accountId))).execute();
    }

    /** Serialises the changes to one account's members: the account's row is locked until the transaction ends. */
    private static void lockAccount(DSLContext db, long accountId) {
        db.select(ACCOUNTS.ID).from(ACCOUNTS).where(ACCOUNTS.ID.eq(accountId)).forUpdate().fetch();
    }

    private static int owners(DSLContext db, long accountId) {
        return db.fetchCount(MEMBERSHIPS, MEMBERSHIPS.ACCOUNT_ID.eq(accountId)
                .and(MEMBERSHIPS.ROLE.eq(Role.OWNER.storedName())));
    }

    private static Optional<Role> roleOf(DSLContext db, long accountId, long userId) {
        return db.select(MEMBERSHIPS.ROLE).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId).and(MEMBERSHIPS.USER_ID.eq(userId)))
                .fetchOptional(MEMBERSHIPS.ROLE).map(TeamStore::role);
    }

    private Optional<Long> invitedAccount(long inviteId) {
        return dsl.select(TEAM_INVITES.ACCOUNT_ID).from(TEAM_INVITES).where(TEAM_INVITES.ID.eq(inviteId))
                .fetchOptional(TEAM_INVITES.ACCOUNT_ID);
    }

    private static org.jooq.Condition pending(long nowMillis) {
        return TEAM_INVITES.ACCEPTED_AT.isNull().and(TEAM_INVITES.REVOKED_AT.isNull())
                .and(TEAM_INVITES.EXPIRES_AT.gt(nowMillis));
    }

    /** A role this code does not know is read as the lesser one: it never grants an owner's rights. */
    private static Role role(String stored) {
        return Role.fromStoredName(stored).orElse(Role.MEMBER);
    }

    private static Invite toInvite(TeamInvitesRecord r) {
        return new Invite(r.getId(), r.getAccountId(), r.getEmail(), role(r.getRole()), r.getInvitedBy(),
                r.getCreatedAt(), r.getExpiresAt(), Optional.ofNullable(r.getAcceptedAt()),
                Optional.ofNullable(r.getRevokedAt()));
    }
}
