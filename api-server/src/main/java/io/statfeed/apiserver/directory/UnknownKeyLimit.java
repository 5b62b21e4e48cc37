package io.statfeed.apiserver.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * How many keys that turn out to be unknown one client address may make the api-server look up.
 * Only lookups that find nothing count (a thousand new clients behind one address with good keys
 * cost nothing), and a key found missing is remembered for a while, so a client with a typo costs
 * a query now and then; a flood of made-up keys gets 429s from memory once its allowance is spent.
 */
public final class UnknownKeyLimit {
    /** Lookups of unknown keys one address may make at once... */
    public static final int BURST = 100;
    /** ...and per second after that. */
    public static final int PER_SECOND = 20;
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final int MAX_ADDRESSES = 100_000;

    private final Cache<String, Bucket> byAddress = Caffeine.newBuilder()
            .expireAfterAccess(IDLE).maximumSize(MAX_ADDRESSES).build();

    /** Clients of one address have looked up too many unknown keys: answer 429 (no stack trace: an answer). */
    public static final class TooManyUnknownKeysException extends RuntimeException {
        public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

        TooManyUnknownKeysException() {
            super("too many unknown keys from this address; at most " + PER_SECOND
                    + " a second are looked up, retry later", null, false, false);
        }
    }

    /** Before a lookup: refuses it when the address has spent its allowance on unknown keys lately. */
    void check(String address) {
        Bucket allowance = byAddress.getIfPresent(address);
        if (allowance != null && allowance.getAvailableTokens() < 1) {
            throw new TooManyUnknownKeysException();
        }
    }

    /** After a lookup that found nothing: takes it from the address's allowance. */
    void spend(String address) {
        byAddress.get(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(PER_SECOND, Duration.ofSeconds(1)).build())
                .build()).tryConsume(1);
    }
}
