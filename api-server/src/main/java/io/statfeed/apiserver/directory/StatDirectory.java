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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stats by name and by per-stat key, created on first use. Every live stat of an account that
 * posts is held in memory: all of them are read on the account's first post and re-read in the
 * background every {@link #REFRESH_INTERVAL}. So a name this server does not know is new, and a
 * new stat refused by the account's limit is refused from memory, without a query.
 */
public final class StatDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatDirectory.class);
    /** A stat deleted in the web-app stops taking data on this server within this time. */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);
    /**
     * A stat another api-server created is learnt at the latest by the next refresh; a refused
     * new name brings that refresh forward, at most this often per account.
     */
    static final Duration REFRESH_AFTER_REFUSAL = Duration.ofSeconds(10);
    /** Accounts that post nothing for this long are forgotten, and read again on their next post. */
    private static final Duration ACCOUNT_IDLE = Duration.ofMinutes(10);
    /** A stat created here this recently is kept through a refresh whose query may have missed it. */
    private static final Duration CREATED_WHILE_REFRESHING = Duration.ofSeconds(10);
    /** While storage is down, a refresh is tried again this often, not on every post. */
    private static final Duration RETRY_FAILED_REFRESH = Duration.ofSeconds(5);
    private static final int MAX_KEYS = 1_000_000;

    private final StatStore store;
    private final Clock clock;
    private final int newStatsPerMinute;
    private final UnknownKeyLimit unknownKeyLimit;
    private final Cache<Long, AccountStats> accounts = Caffeine.newBuilder().expireAfterAccess(ACCOUNT_IDLE).build();
    private final Cache<String, Stat> byKey = Caffeine.newBuilder()
            .expireAfterWrite(REFRESH_INTERVAL).maximumSize(MAX_KEYS).build();
    private final Cache<String, Boolean> missingKeys = Caffeine.newBuilder()
            .expireAfterWrite(AccountDirectory.UNKNOWN_KEY_TTL).maximumSize(MAX_KEYS).build();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "statfeed-stat-refresher");
        thread.setDaemon(true);
        return thread;
    });

    /** The account has created as many stats this minute as it may. An answer, so without a stack trace. */
    public static final class TooManyNewStatsException extends RuntimeException {
        public TooManyNewStatsException(int limit) {
            super("too many new stats: at most " + limit + " may be created per minute", null, false, false);
        }
    }

    public StatDirectory(StatStore store, Clock clock, int newStatsPerMinute, UnknownKeyLimit unknownKeyLimit) {
        this.store = store;
        this.clock = clock;
        this.newStatsPerMinute = newStatsPerMinute;
        this.unknownKeyLimit = unknownKeyLimit;
    }

    /** The stats of an account, read from storage if this server has not held them lately. */
    public AccountStats of(Account account) {
        return accounts.get(account.id(), id -> new AccountStats(account));
    }

    /** The live stat with this per-stat key, asked for by a client at {@code address}. */
    public Optional<Stat> byKey(String statKey, String address) {
        Stat cached = byKey.getIfPresent(statKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (missingKeys.getIfPresent(statKey) != null) {
            return Optional.empty();
        }
        unknownKeyLimit.spend(address);
        Optional<Stat> loaded = store.findLiveByKey(statKey);
        loaded.ifPresentOrElse(stat -> byKey.put(statKey, stat), () -> missingKeys.put(statKey, Boolean.TRUE));
        return loaded;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** One account's live stats by name, and its allowance of new ones. */
    public final class AccountStats {
        private final Account account;
        private final Bucket creationLimit;
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private volatile Map<String, Stat> byName;
        private volatile long loadedAtMillis;
        private volatile long refusalRefreshAtMillis;

        private AccountStats(Account account) {
            this.account = account;
            this.creationLimit = Bucket.builder().addLimit(Bandwidth.builder().capacity(newStatsPerMinute)
                    .refillGreedy(newStatsPerMinute, Duration.ofMinutes(1)).build()).build();
            this.loadedAtMillis = clock.millis();
            this.byName = index(store.allLive(account.id()));
        }

        /**
         * The live stat named exactly so, or null when this server knows none: a name found here
         * was checked when its stat was made, so the caller need not check it again.
         */
        public Stat known(String name) {
            Stat stat = byName.get(name);
            if (stat != null && clock.millis() - loadedAtMillis > REFRESH_INTERVAL.toMillis()) {
                refreshInBackground();
            }
            return stat;
        }

        /**
         * The live stat of that (checked) name, created with the given kind if there is none.
         *
         * @throws TooManyNewStatsException when the name is new and the account may create no more now
         */
        public Stat resolve(String name, boolean counter) {
            Stat stat = known(name);
            return stat != null ? stat : create(name, counter);
        }

        private Stat create(String name, boolean counter) {
            if (!creationLimit.tryConsume(1)) {
                long now = clock.millis();
                if (now - refusalRefreshAtMillis >= REFRESH_AFTER_REFUSAL.toMillis()) {
                    refusalRefreshAtMillis = now; // another api-server may have made this stat
                    refreshInBackground();
                }
                throw new TooManyNewStatsException(newStatsPerMinute);
            }
            Stat stat = store.createOrGet(account.id(), name, counter, clock.millis());
            synchronized (this) {
                byName.put(name, stat);
            }
            byKey.put(stat.key(), stat);
            return stat;
        }

        private void refreshInBackground() {
            if (refreshing.compareAndSet(false, true)) {
                try {
                    refresher.execute(this::refresh);
                } catch (RuntimeException e) {
                    refreshing.set(false); // shutting down
                }
            }
        }

        private void refresh() {
            try {
                long started = clock.millis();
                Map<String, Stat> fresh = index(store.allLive(account.id()));
                synchronized (this) {
                    for (Stat held : byName.values()) {
                        if (!fresh.containsKey(held.name())) {
                            if (held.createdAtMillis() >= started - CREATED_WHILE_REFRESHING.toMillis()) {
                                fresh.put(held.name(), held);
                            } else {
                                byKey.invalidate(held.key()); // deleted elsewhere
                            }
                        }
                    }
                    byName = fresh;
                    loadedAtMillis = started;
                }
            } catch (RuntimeException e) {
                log.debug("refreshing the stats of account {} failed; keeping what is held: {}", account.id(),
                        e.toString());
                loadedAtMillis = clock.millis() - REFRESH_INTERVAL.toMillis() + RETRY_FAILED_REFRESH.toMillis();
            } finally {
                refreshing.set(false);
            }
        }

        private Map<String, Stat> index(List<Stat> stats) {
            Map<String, Stat> map = new ConcurrentHashMap<>(Math.max(16, stats.size() * 2));
            for (Stat stat : stats) {
                map.put(stat.name(), stat);
                byKey.put(stat.key(), stat);
            }
            return map;
        }
    }
}
