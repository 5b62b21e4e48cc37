package io.statfeed.apiserver.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AllowanceStore;
import io.statfeed.core.storage.StatStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stats by name and by per-stat key, created on first use. Every live stat of an account that
 * posts is held in memory: all of them are read on the account's first post (by name or by key)
 * and re-read in the background, in one query, every {@link #REFRESH_INTERVAL} while the account
 * posts; a stat deleted elsewhere is forgotten at once through {@link #forget} (the change log).
 * A name this server does not know is looked up once (another api-server may have made it), and
 * created if new. The account's allowance of new stats is kept in storage, shared by every
 * api-server; once it is spent, new names are refused from memory until the next one is due. A
 * key not held is looked up once, then remembered as missing for a while.
 */
public final class StatDirectory {
    private static final Logger log = LoggerFactory.getLogger(StatDirectory.class);
    /**
     * A stat created by another api-server is learnt here by then at the latest (a deletion is
     * learnt at once, from the change log; this re-read is what catches a change the log missed).
     */
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
    private final AllowanceStore allowances;
    private final Clock clock;
    private final int newStatsPerMinute;
    private final AllowanceStore.Limit newStatsLimit;
    private final UnknownKeyLimit unknownKeyLimit;
    private final Executor refresher;
    /** Every held account's stats by key; an account's entries leave with it. */
    private final Map<String, Stat> byKey = new ConcurrentHashMap<>();
    private final Cache<Long, AccountStats> accounts = Caffeine.newBuilder()
            .expireAfterAccess(ACCOUNT_IDLE)
            // Run as the entry leaves, before the account can be read again, so no key is lost.
            .evictionListener((Long id, AccountStats gone, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                if (gone != null) {
                    gone.forgetKeys();
                }
            })
            .build();
    private final Cache<String, Boolean> missingKeys = Caffeine.newBuilder()
            .expireAfterWrite(AccountDirectory.UNKNOWN_KEY_TTL).maximumSize(MAX_KEYS).build();

    /** The account has created as many stats this minute as it may. An answer, so without a stack trace. */
    public static final class TooManyNewStatsException extends RuntimeException {
        public TooManyNewStatsException(int limit) {
            super("too many new stats: at most " + limit + " may be created per minute", null, false, false);
        }
    }

    /** @param refresher runs the background re-reads of accounts' stats */
    public StatDirectory(StatStore store, AllowanceStore allowances, Clock clock, int newStatsPerMinute,
                         UnknownKeyLimit unknownKeyLimit, Executor refresher) {
        this.store = store;
        this.allowances = allowances;
        this.clock = clock;
        this.newStatsPerMinute = newStatsPerMinute;
        this.newStatsLimit = new AllowanceStore.Limit(newStatsPerMinute, Duration.ofMinutes(1).toMillis());
        this.unknownKeyLimit = unknownKeyLimit;
        this.refresher = refresher;
    }

    /**
     * The stats of an account, read from storage if this server has not held them lately, and
     * re-read in the background when held for longer than the refresh interval.
     */
    public AccountStats of(long accountId) {
        AccountStats stats = accounts.get(accountId, AccountStats::new);
        stats.refreshIfOld();
        return stats;
    }

    /**
     * Forgets what this server holds of the account (its stats changed elsewhere): its next post
     * reads them again.
     */
    public void forget(long accountId) {
        AccountStats gone = accounts.asMap().remove(accountId);
        if (gone != null) {
            gone.forgetKeys();
        }
    }

    /** Forgets which per-stat keys matched nothing: one may belong to a stat just made or restored. */
    public void forgetMissingKeys() {
        missingKeys.invalidateAll();
    }

    /** The live stat with this per-stat key, asked for by a client at {@code address}. */
    public Optional<Stat> byKey(String statKey, String address) {
        Stat held = byKey.get(statKey);
        if (held != null) {
            AccountStats owner = accounts.getIfPresent(held.accountId()); // keeps it held, and fresh
            if (owner != null) {
                owner.refreshIfOld();
                return Optional.of(held);
            }
            // Left by a post that raced its account's eviction: storage says whether it still lives.
            byKey.remove(statKey, held);
        }
        if (missingKeys.getIfPresent(statKey) != null) {
            return Optional.empty();
        }
        unknownKeyLimit.check(address);
        Optional<Stat> found = store.findLiveByKey(statKey);
        if (found.isEmpty()) {
            unknownKeyLimit.spend(address);
            missingKeys.put(statKey, Boolean.TRUE);
            return found;
        }
        of(found.get().accountId()).learn(found.get()); // holds every stat and key of the account from now on
        return found;
    }

    /** One account's live stats by name, and its allowance of new ones. */
    public final class AccountStats {
        private final long accountId;
        private final AtomicBoolean refreshing = new AtomicBoolean();
        /**
         * This copy left the directory (a change to the account, or eviction). A post still holding
         * it may go on creating stats, but it adds nothing more to the shared key index, which no
         * later forget would clean: under the monitor, with the index's writes.
         */
        private boolean forgotten;
        /** The account's shared allowance of new stats is spent until then: refused from memory. */
        private volatile long refusedUntilMillis;
        private volatile Map<String, Stat> byName;
        private volatile long loadedAtMillis;
        private volatile long refusalRefreshAtMillis;

        private AccountStats(long accountId) {
            this.accountId = accountId;
            this.loadedAtMillis = clock.millis();
            this.byName = index(store.allLive(accountId));
        }

        /**
         * The live stat named exactly so, or null when this server knows none: a name found here
         * was checked when its stat was made, so the caller need not check it again.
         */
        public Stat known(String name) {
            return byName.get(name);
        }

        /** Holds a live stat read from storage that this account's copy had not seen yet. */
        synchronized void learn(Stat stat) {
            if (byName.putIfAbsent(stat.name(), stat) == null && !forgotten) {
                byKey.put(stat.key(), stat);
            }
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
            long now = clock.millis();
            if (now < refusedUntilMillis) {
                throw refused(now);
            }
            // Another api-server may have made it: that costs no allowance.
            Stat stat = store.findLive(accountId, name).orElse(null);
            if (stat == null) {
                AllowanceStore.Grant grant = allowances.take(accountId, AllowanceStore.Kind.NEW_STATS, newStatsLimit, now);
                refusedUntilMillis = now + grant.nextInMillis(); // the spent allowance is refused from memory
                if (!grant.taken()) {
                    throw refused(now);
                }
                stat = store.createOrGet(accountId, name, counter, now);
            }
            synchronized (this) {
                byName.put(name, stat);
                if (!forgotten) {
                    byKey.put(stat.key(), stat);
                }
            }
            return stat;
        }

        private TooManyNewStatsException refused(long now) {
            if (now - refusalRefreshAtMillis >= REFRESH_AFTER_REFUSAL.toMillis()) {
                refusalRefreshAtMillis = now; // another api-server may have made the stats refused here
                refreshInBackground();
            }
            return new TooManyNewStatsException(newStatsPerMinute);
        }

        void refreshIfOld() {
            if (clock.millis() - loadedAtMillis > REFRESH_INTERVAL.toMillis()) {
                refreshInBackground();
            }
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
                List<Stat> live = store.allLive(accountId);
                synchronized (this) {
                    if (forgotten) {
                        return; // the account is read afresh on its next post
                    }
                    Map<String, Stat> fresh = index(live);
                    for (Stat held : byName.values()) {
                        if (!fresh.containsKey(held.name())) {
                            if (held.createdAtMillis() >= started - CREATED_WHILE_REFRESHING.toMillis()) {
                                fresh.put(held.name(), held);
                            } else {
                                byKey.remove(held.key()); // deleted elsewhere
                            }
                        }
                    }
                    byName = fresh;
                    loadedAtMillis = started;
                }
            } catch (RuntimeException e) {
                log.debug("refreshing the stats of account {} failed; keeping what is held: {}", accountId,
                        e.toString());
                loadedAtMillis = clock.millis() - REFRESH_INTERVAL.toMillis() + RETRY_FAILED_REFRESH.toMillis();
            } finally {
                refreshing.set(false);
            }
        }

        private synchronized void forgetKeys() {
            forgotten = true;
            byName.values().forEach(stat -> byKey.remove(stat.key()));
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
