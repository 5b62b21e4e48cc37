package io.statfeed.apiserver.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Stats by name and by per-stat key, created on first use. Creation is limited per account and
 * minute so that a runaway loop inventing names cannot fill storage.
 */
public final class StatDirectory {
    /** A stat deleted in the web-app stops taking data on this server within this time. */
    static final Duration STAT_TTL = Duration.ofSeconds(60);
    private static final int MAX_STATS = 1_000_000;
    private static final Duration LIMITER_IDLE = Duration.ofMinutes(10);

    private final StatStore store;
    private final Clock clock;
    private final int newStatsPerMinute;
    private final Cache<NameKey, Stat> byName = Caffeine.newBuilder()
            .expireAfterWrite(STAT_TTL).maximumSize(MAX_STATS).build();
    private final Cache<String, Stat> byKey = Caffeine.newBuilder()
            .expireAfterWrite(STAT_TTL).maximumSize(MAX_STATS).build();
    private final Cache<Long, Bucket> creationLimits = Caffeine.newBuilder()
            .expireAfterAccess(LIMITER_IDLE).build();

    private record NameKey(long accountId, String name) {
    }

    /** The account has created as many stats this minute as it may. */
    public static final class TooManyNewStatsException extends RuntimeException {
        public TooManyNewStatsException(int limit) {
            super("too many new stats: at most " + limit + " may be created per minute");
        }
    }

    public StatDirectory(StatStore store, Clock clock, int newStatsPerMinute) {
        this.store = store;
        this.clock = clock;
        this.newStatsPerMinute = newStatsPerMinute;
    }

    /** The live stat of that name, created with the given kind if there is none. */
    public Stat resolve(Account account, String name, boolean counter) {
        NameKey key = new NameKey(account.id(), name);
        Stat cached = byName.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Stat stat = store.findLive(account.id(), name).orElseGet(() -> create(account, name, counter));
        byName.put(key, stat);
        return stat;
    }

    public Optional<Stat> byKey(String statKey) {
        Stat cached = byKey.getIfPresent(statKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Stat> loaded = store.findLiveByKey(statKey);
        loaded.ifPresent(stat -> byKey.put(statKey, stat));
        return loaded;
    }

    private Stat create(Account account, String name, boolean counter) {
        Bucket limit = creationLimits.get(account.id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(newStatsPerMinute)
                        .refillGreedy(newStatsPerMinute, Duration.ofMinutes(1)).build())
                .build());
        if (!limit.tryConsume(1)) {
            throw new TooManyNewStatsException(newStatsPerMinute);
        }
        return store.createOrGet(account.id(), name, counter, clock.millis());
    }
}
