package io.statfeed.apiserver.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.statfeed.core.model.Account;
import io.statfeed.core.storage.AccountStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts by ezkey and ukey, held in memory so that the ingest path rarely reaches storage. A
 * change to an account made anywhere drops what is held of it at once ({@link #forget}, from the
 * change log); besides, a key in use is re-read in the background every {@link #REFRESH_INTERVAL}
 * and never expires while clients use it, so keys in use never need a query on the request path. Unknown keys are remembered briefly, and storage is asked about keys not
 * held only within each client address's {@link UnknownKeyLimit}, so a flood of made-up keys
 * never turns into a flood of queries.
 */
public final class AccountDirectory {
    private static final Logger log = LoggerFactory.getLogger(AccountDirectory.class);
    /**
     * How long a changed key may keep working on an api-server that holds it if the change log
     * missed it (a change in it is honoured at once, see {@link #forget}).
     */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(60);
    /** Keys no client has used for this long are dropped, and read again on their next use. */
    private static final Duration IDLE = Duration.ofMinutes(10);
    /** How long a key that matched nothing is answered 401 without asking storage again. */
    public static final Duration UNKNOWN_KEY_TTL = Duration.ofSeconds(5);
    private static final int MAX_KEYS = 1_000_000;

    private final UnknownKeyLimit unknownKeyLimit;
    private final LoadingCache<String, Account> byEzkey;
    private final LoadingCache<String, Account> byUkey;
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .expireAfterWrite(UNKNOWN_KEY_TTL).maximumSize(MAX_KEYS).build();

    /** @param refresher runs the background re-reads of keys in use */
    public AccountDirectory(AccountStore store, UnknownKeyLimit unknownKeyLimit, Executor refresher) {
        this.unknownKeyLimit = unknownKeyLimit;
        this.byEzkey = heldKeys(key -> store.findByEzkey(key).orElse(null), refresher);
        this.byUkey = heldKeys(key -> store.findByUkey(key).orElse(null), refresher);
    }

    /** The account of an ezkey, asked for by a client at {@code address}. */
    public Optional<Account> byEzkey(String ezkey, String address) {
        return lookUp(byEzkey, "ez:", ezkey, address);
    }

    public Optional<Account> byUkey(String ukey, String address) {
        return lookUp(byUkey, "u:", ukey, address);
    }

    /** Forgets every key held for the account: its keys, or whose emails stand in for them, changed elsewhere. */
    public void forget(long accountId) {
        byEzkey.asMap().values().removeIf(account -> account.id() == accountId);
        byUkey.asMap().values().removeIf(account -> account.id() == accountId);
    }

    /** Forgets which keys matched nothing: one may be an account's new key or email. */
    public void forgetUnknownKeys() {
        unknown.invalidateAll();
    }

    private Optional<Account> lookUp(LoadingCache<String, Account> held, String kind, String key, String address) {
        Account cached = held.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.getIfPresent(kind + key) != null) {
            return Optional.empty();
        }
        unknownKeyLimit.check(address);
        Account loaded = held.get(key); // null, and nothing held, when no account has it
        if (loaded == null) {
            unknownKeyLimit.spend(address);
            unknown.put(kind + key, Boolean.TRUE);
        }
        return Optional.ofNullable(loaded);
    }

    /**
     * Keys held while in use. A background re-read that fails (storage down) keeps what is held
     * and is tried again at the next use after the interval, without a warning per key.
     */
    static <V> LoadingCache<String, V> heldKeys(Function<String, V> load, Executor refresher) {
        return Caffeine.newBuilder()
                .refreshAfterWrite(REFRESH_INTERVAL)
                .expireAfterAccess(IDLE)
                .maximumSize(MAX_KEYS)
                .executor(refresher)
                .build(new CacheLoader<String, V>() {
                    @Override
                    public V load(String key) {
                        return load.apply(key);
                    }

                    @Override
                    public V reload(String key, V held) {
                        try {
                            return load.apply(key);
                        } catch (RuntimeException e) {
                            log.debug("re-reading a key failed; keeping it: {}", e.toString());
                            return held;
                        }
                    }
                });
    }
}
