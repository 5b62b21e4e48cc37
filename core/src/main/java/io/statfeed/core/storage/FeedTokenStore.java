package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.FEED_TOKENS;

import io.statfeed.core.model.Secrets;
import java.util.Optional;
import org.jooq.DSLContext;

/** The secret in each person's private Atom feed address; one per person, of which only a hash is kept. */
public final class FeedTokenStore {
    private final DSLContext dsl;

    public FeedTokenStore(Database database) {
        this.dsl = database.dsl();
    }

    /** A new secret for the person's feed address; the old address stops working. */
    public String renew(long userId, long nowMillis) {
        String secret = Secrets.newKey(Secrets.ACCESS_TOKEN_BYTES);
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.deleteFrom(FEED_TOKENS).where(FEED_TOKENS.USER_ID.eq(userId)).execute();
            tx.insertInto(FEED_TOKENS).set(FEED_TOKENS.USER_ID, userId).set(FEED_TOKENS.TOKEN_HASH, Secrets.sha256Hex(secret))
                    .set(FEED_TOKENS.CREATED_AT, nowMillis).execute();
        });
        return secret;
    }

    public boolean exists(long userId) {
        return dsl.fetchExists(FEED_TOKENS, FEED_TOKENS.USER_ID.eq(userId));
    }

    public Optional<Long> userOf(String secret) {
        return dsl.select(FEED_TOKENS.USER_ID).from(FEED_TOKENS).where(FEED_TOKENS.TOKEN_HASH.eq(Secrets.sha256Hex(secret)))
                .fetchOptional(FEED_TOKENS.USER_ID);
    }
}
