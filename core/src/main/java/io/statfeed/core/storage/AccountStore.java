package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ACCESS_TOKENS;
import static io.statfeed.core.storage.schema.Tables.ACCOUNTS;
import static io.statfeed.core.storage.schema.Tables.MEMBERSHIPS;
import static io.statfeed.core.storage.schema.Tables.USERS;

import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.User;
import io.statfeed.core.storage.schema.tables.records.AccessTokensRecord;
import io.statfeed.core.storage.schema.tables.records.AccountsRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Users, accounts, their memberships and access tokens. */
public final class AccountStore {
    public static final String OWNER_ROLE = "owner";
    /**
     * The built-in account Statfeed reports its own health into. Generated ids are far larger,
     * so no sign-up can ever get (or claim) this one.
     */
    public static final long SYSTEM_ACCOUNT_ID = 1L;

    /** The system account, and its first access token when this call created it. */
    public record SystemAccount(Account account, Optional<String> newAccessToken) {
    }

    /** A user signing up with an account of their own and a first access token. */
    public record NewSignup(long userId, String email, String passwordHash, long accountId, String ezkey,
                            String ukey, long tokenId, String tokenName, String accessToken, long createdAtMillis) {
    }

    /** An access token just created: its listing and the secret, which is shown this once and never again. */
    public record NewAccessToken(AccessToken token, String secret) {
        @Override
        public String toString() {
            return "NewAccessToken[" + token + "]"; // the secret stays out of logs
        }
    }

    /** The email of a sign-up belongs to someone already. */
    public static final class EmailTakenException extends RuntimeException {
        public EmailTakenException(String email) {
            super("an account with email " + email + " exists already");
        }
    }

    private final DSLContext dsl;

    public AccountStore(Database database) {
        this.dsl = database.dsl();
    }

    /** Writes the user, account, membership and token together, or none of them. */
    public void create(NewSignup signup) {
        try {
            dsl.transaction(tx -> {
                DSLContext db = tx.dsl();
                db.insertInto(USERS)
                        .set(USERS.ID, signup.userId())
                        .set(USERS.EMAIL, signup.email())
                        .set(USERS.PASSWORD_HASH, signup.passwordHash())
                        .set(USERS.CREATED_AT, signup.createdAtMillis())
                        .execute();
                db.insertInto(ACCOUNTS)
                        .set(ACCOUNTS.ID, signup.accountId())
                        .set(ACCOUNTS.EZKEY, signup.ezkey())
                        .set(ACCOUNTS.UKEY, signup.ukey())
                        .set(ACCOUNTS.EMAIL_EZKEY, false)
                        .set(ACCOUNTS.CREATED_AT, signup.createdAtMillis())
                        .execute();
                db.insertInto(MEMBERSHIPS)
                        .set(MEMBERSHIPS.ACCOUNT_ID, signup.accountId())
                        .set(MEMBERSHIPS.USER_ID, signup.userId())
                        .set(MEMBERSHIPS.ROLE, OWNER_ROLE)
                        .set(MEMBERSHIPS.CREATED_AT, signup.createdAtMillis())
                        .execute();
                db.insertInto(ACCESS_TOKENS)
                        .set(ACCESS_TOKENS.ID, signup.tokenId())
                        .set(ACCESS_TOKENS.ACCOUNT_ID, signup.accountId())
                        .set(ACCESS_TOKENS.NAME, signup.tokenName())
                        .set(ACCESS_TOKENS.TOKEN_HASH, Secrets.sha256Hex(signup.accessToken()))
                        .set(ACCESS_TOKENS.USER_ID, signup.userId())
                        .set(ACCESS_TOKENS.CREATED_AT, signup.createdAtMillis())
                        .execute();
                // An api-server may have answered "unknown key" for these keys a moment ago.
                DirectoryChanges.record(db, signup.accountId(), signup.createdAtMillis());
            });
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e) && emailTaken(signup.email())) {
                throw new EmailTakenException(signup.email());
            }
            throw e;
        }
    }

    /** Finds the system account, creating it with an access token the first time. */
    public SystemAccount ensureSystemAccount(long nowMillis) {
        Optional<Account> existing = findById(SYSTEM_ACCOUNT_ID);
        if (existing.isPresent()) {
            return new SystemAccount(existing.get(), Optional.empty());
        }
        String token = Secrets.newKey(Secrets.ACCESS_TOKEN_BYTES);
        try {
            dsl.transaction(tx -> {
                tx.dsl().insertInto(ACCOUNTS)
                        .set(ACCOUNTS.ID, SYSTEM_ACCOUNT_ID)
                        .set(ACCOUNTS.EZKEY, Secrets.newKey(Secrets.EZKEY_BYTES))
                        .set(ACCOUNTS.UKEY, Secrets.newKey(Secrets.UKEY_BYTES))
                        .set(ACCOUNTS.EMAIL_EZKEY, false)
                        .set(ACCOUNTS.CREATED_AT, nowMillis)
                        .execute();
                tx.dsl().insertInto(ACCESS_TOKENS)
                        .set(ACCESS_TOKENS.ID, Ids.next())
                        .set(ACCESS_TOKENS.ACCOUNT_ID, SYSTEM_ACCOUNT_ID)
                        .set(ACCESS_TOKENS.NAME, "system")
                        .set(ACCESS_TOKENS.TOKEN_HASH, Secrets.sha256Hex(token))
                        .set(ACCESS_TOKENS.CREATED_AT, nowMillis)
                        .execute();
            });
            return new SystemAccount(findById(SYSTEM_ACCOUNT_ID).orElseThrow(), Optional.of(token));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e)) { // another process created it first
                return new SystemAccount(findById(SYSTEM_ACCOUNT_ID).orElseThrow(() -> e), Optional.empty());
            }
            throw e;
        }
    }

    public Optional<Account> findById(long accountId) {
        return dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(accountId)).fetchOptional().map(AccountStore::toAccount);
    }

    public boolean emailTaken(String email) {
        return dsl.fetchExists(USERS, USERS.EMAIL.eq(email));
    }

    /**
     * The account an ezkey posts to: its generated ezkey, or the email of a member of an account
     * that opted in to email ezkeys (clients migrating from StatHat).
     */
    public Optional<Account> findByEzkey(String ezkey) {
        Optional<Account> byKey = dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.EZKEY.eq(ezkey))
                .fetchOptional().map(AccountStore::toAccount);
        if (byKey.isPresent() || ezkey.indexOf('@') < 0) {
            return byKey;
        }
        return dsl.select(ACCOUNTS.fields()).from(ACCOUNTS)
                .join(MEMBERSHIPS).on(MEMBERSHIPS.ACCOUNT_ID.eq(ACCOUNTS.ID))
                .join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(USERS.EMAIL.eq(ezkey.toLowerCase(Locale.ROOT)).and(ACCOUNTS.EMAIL_EZKEY.isTrue()))
                .orderBy(ACCOUNTS.ID)
                .limit(1)
                .fetchOptionalInto(ACCOUNTS).map(AccountStore::toAccount);
    }

    /** The account a user (by sign-in email, lower case) owns: the one made when they signed up. */
    public Optional<Account> findOwnedBy(String email) {
        return dsl.select(ACCOUNTS.fields()).from(ACCOUNTS)
                .join(MEMBERSHIPS).on(MEMBERSHIPS.ACCOUNT_ID.eq(ACCOUNTS.ID))
                .join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(USERS.EMAIL.eq(email).and(MEMBERSHIPS.ROLE.eq(OWNER_ROLE)))
                .orderBy(ACCOUNTS.ID)
                .limit(1)
                .fetchOptionalInto(ACCOUNTS).map(AccountStore::toAccount);
    }

    public Optional<Account> findByUkey(String ukey) {
        return dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.UKEY.eq(ukey)).fetchOptional().map(AccountStore::toAccount);
    }

    /** Who an API call acts as: the token's account, and the person it speaks for there. */
    public record Caller(Account account, long userId) {
    }

    /**
     * The account of a live access token and the person it acts as: whoever made it while they
     * are still a member, else the account's oldest member (tokens made before people were
     * recorded, or by someone who has left the team).
     */
    public Optional<Caller> findCallerByAccessToken(String token) {
        return dsl.select(ACCESS_TOKENS.ACCOUNT_ID, ACCESS_TOKENS.USER_ID).from(ACCESS_TOKENS)
                .where(ACCESS_TOKENS.TOKEN_HASH.eq(Secrets.sha256Hex(token)).and(ACCESS_TOKENS.REVOKED_AT.isNull()))
                .fetchOptional()
                .flatMap(r -> findById(r.value1()).flatMap(account -> {
                    List<Long> members = memberIds(account.id());
                    Long maker = r.value2();
                    if (maker != null && members.contains(maker)) {
                        return Optional.of(new Caller(account, maker));
                    }
                    return members.stream().findFirst().map(oldest -> new Caller(account, oldest));
                }));
    }

    /** The account a live (unrevoked) access token reads. */
    public Optional<Account> findByAccessToken(String token) {
        return dsl.select(ACCOUNTS.fields()).from(ACCOUNTS)
                .join(ACCESS_TOKENS).on(ACCESS_TOKENS.ACCOUNT_ID.eq(ACCOUNTS.ID))
                .where(ACCESS_TOKENS.TOKEN_HASH.eq(Secrets.sha256Hex(token)).and(ACCESS_TOKENS.REVOKED_AT.isNull()))
                .fetchOptionalInto(ACCOUNTS).map(AccountStore::toAccount);
    }

    /**
     * The user with that (normalised) email, with the account they work in: their oldest
     * membership. Empty for an unknown email or a user without an account.
     */
    public Optional<User> findUserByEmail(String email) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.PASSWORD_HASH, MEMBERSHIPS.ACCOUNT_ID)
                .from(USERS)
                .join(MEMBERSHIPS).on(MEMBERSHIPS.USER_ID.eq(USERS.ID))
                .where(USERS.EMAIL.eq(email))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.ACCOUNT_ID)
                .limit(1)
                .fetchOptional(r -> new User(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The user of that id, with the account they work in (their oldest membership). */
    public Optional<User> findUserById(long userId) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.PASSWORD_HASH, MEMBERSHIPS.ACCOUNT_ID)
                .from(USERS)
                .join(MEMBERSHIPS).on(MEMBERSHIPS.USER_ID.eq(USERS.ID))
                .where(USERS.ID.eq(userId))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.ACCOUNT_ID)
                .limit(1)
                .fetchOptional(r -> new User(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The ids of the account's members, oldest membership first. */
    public List<Long> memberIds(long accountId) {
        return dsl.select(MEMBERSHIPS.USER_ID).from(MEMBERSHIPS).where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.USER_ID).fetch(MEMBERSHIPS.USER_ID);
    }

    /** The email addresses of the account's members, oldest membership first: who alerts mail by default. */
    public List<String> memberEmails(long accountId) {
        return dsl.select(USERS.EMAIL).from(USERS).join(MEMBERSHIPS).on(MEMBERSHIPS.USER_ID.eq(USERS.ID))
                .where(MEMBERSHIPS.ACCOUNT_ID.eq(accountId))
                .orderBy(MEMBERSHIPS.CREATED_AT, USERS.ID).fetch(USERS.EMAIL);
    }

    /** The account's access tokens, revoked ones included, oldest first; never their secrets. */
    public List<AccessToken> accessTokens(long accountId) {
        return dsl.selectFrom(ACCESS_TOKENS).where(ACCESS_TOKENS.ACCOUNT_ID.eq(accountId))
                .orderBy(ACCESS_TOKENS.CREATED_AT, ACCESS_TOKENS.ID)
                .fetch(AccountStore::toAccessToken);
    }

    /** How many unrevoked access tokens the account has. */
    public int countLiveAccessTokens(long accountId) {
        return dsl.fetchCount(ACCESS_TOKENS, ACCESS_TOKENS.ACCOUNT_ID.eq(accountId).and(ACCESS_TOKENS.REVOKED_AT.isNull()));
    }

    /** Creates a named access token of the account with a new secret, of which only the hash is stored. */
    public NewAccessToken createAccessToken(long accountId, Optional<Long> madeBy, String name, long nowMillis) {
        String secret = Secrets.newKey(Secrets.ACCESS_TOKEN_BYTES);
        AccessToken token = new AccessToken(Ids.next(), accountId, name, nowMillis, Optional.empty());
        dsl.insertInto(ACCESS_TOKENS)
                .set(ACCESS_TOKENS.ID, token.id())
                .set(ACCESS_TOKENS.ACCOUNT_ID, accountId)
                .set(ACCESS_TOKENS.NAME, name)
                .set(ACCESS_TOKENS.USER_ID, madeBy.orElse(null))
                .set(ACCESS_TOKENS.TOKEN_HASH, Secrets.sha256Hex(secret))
                .set(ACCESS_TOKENS.CREATED_AT, nowMillis)
                .execute();
        return new NewAccessToken(token, secret);
    }

    /**
     * Revokes an access token of the account by id. True if the account has that token (revoked
     * now or before: revoking is idempotent); false if it has none of that id.
     */
    public boolean revokeAccessTokenById(long accountId, long tokenId, long nowMillis) {
        int revoked = dsl.update(ACCESS_TOKENS).set(ACCESS_TOKENS.REVOKED_AT, nowMillis)
                .where(ACCESS_TOKENS.ID.eq(tokenId).and(ACCESS_TOKENS.ACCOUNT_ID.eq(accountId))
                        .and(ACCESS_TOKENS.REVOKED_AT.isNull()))
                .execute();
        return revoked == 1
                || dsl.fetchExists(ACCESS_TOKENS, ACCESS_TOKENS.ID.eq(tokenId).and(ACCESS_TOKENS.ACCOUNT_ID.eq(accountId)));
    }

    /** Lets members' emails stand in for the ezkey, or stops them; the api-servers hear of it at once. */
    public void setEmailEzkey(long accountId, boolean enabled, long nowMillis) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.update(ACCOUNTS).set(ACCOUNTS.EMAIL_EZKEY, enabled).where(ACCOUNTS.ID.eq(accountId)).execute();
            DirectoryChanges.record(db, accountId, nowMillis);
        });
    }

    /** Which of the account's keys. */
    public enum Key { EZKEY, UKEY }

    /**
     * Replaces one of the account's keys (the old one leaked): the old key matches nothing from
     * now on, and the api-servers hear of it at once.
     */
    public void replaceKey(long accountId, Key key, String newKey, long nowMillis) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.update(ACCOUNTS).set(key == Key.EZKEY ? ACCOUNTS.EZKEY : ACCOUNTS.UKEY, newKey)
                    .where(ACCOUNTS.ID.eq(accountId)).execute();
            DirectoryChanges.record(db, accountId, nowMillis);
        });
    }

    /** Revokes a token by its secret; revoked tokens stay listed but read nothing. */
    public boolean revokeAccessToken(String token, long nowMillis) {
        return dsl.update(ACCESS_TOKENS).set(ACCESS_TOKENS.REVOKED_AT, nowMillis)
                .where(ACCESS_TOKENS.TOKEN_HASH.eq(Secrets.sha256Hex(token)).and(ACCESS_TOKENS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    private static AccessToken toAccessToken(AccessTokensRecord r) {
        return new AccessToken(r.getId(), r.getAccountId(), r.getName(), r.getCreatedAt(),
                Optional.ofNullable(r.getRevokedAt()));
    }

    private static Account toAccount(AccountsRecord r) {
        return new Account(r.getId(), r.getEzkey(), r.getUkey(), r.getEmailEzkey());
    }
}
