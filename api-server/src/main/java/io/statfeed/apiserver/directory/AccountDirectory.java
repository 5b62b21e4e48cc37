package io.statfeed.apiserver.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.statfeed.core.model.Account;
import io.statfeed.core.storage.AccountStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accounts by ezkey and ukey, cached so that the ingest path rarely reaches storage. Unknown keys
 * are remembered briefly too, and storage is asked about new unknown keys only within each client
 * address's {@link UnknownKeyLimit}, so a flood of made-up keys never turns into a flood of queries.
 */
public final class AccountDirectory {
    /** How long a changed or revoked key may keep working on an api-server that has it cached. */
    static final Duration KNOWN_KEY_TTL = Duration.ofSeconds(60);
    /** How long a key that matched nothing is answered 401 without asking storage again. */
    public static final Duration UNKNOWN_KEY_TTL = Duration.ofSeconds(5);
    private static final int MAX_KEYS = 1_000_000;

    private final AccountStore store;
    private final UnknownKeyLimit unknownKeyLimit;
    private final Cache<String, Account> byEzkey = knownKeys();
    private final Cache<String, Account> byUkey = knownKeys();
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder()
            .expireAfterWrite(UNKNOWN_KEY_TTL).maximumSize(MAX_KEYS).build();

    public AccountDirectory(AccountStore store, UnknownKeyLimit unknownKeyLimit) {
        this.store = store;
        this.unknownKeyLimit = unknownKeyLimit;
    }

    /** The account of an ezkey, asked for by a client at {@code address}. */
    public Optional<Account> byEzkey(String ezkey, String address) {
        return lookUp(byEzkey, "ez:", ezkey, address, store::findByEzkey);
    }

    public Optional<Account> byUkey(String ukey, String address) {
        return lookUp(byUkey, "u:", ukey, address, store::findByUkey);
    }

    private Optional<Account> lookUp(Cache<String, Account> known, String kind, String key, String address,
                                     Function<String, Optional<Account>> load) {
        Account cached = known.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.getIfPresent(kind + key) != null) {
            return Optional.empty();
        }
        unknownKeyLimit.spend(address);
        Optional<Account> loaded = load.apply(key);
        loaded.ifPresentOrElse(account -> known.put(key, account), () -> unknown.put(kind + key, Boolean.TRUE));
        return loaded;
    }

    private static Cache<String, Account> knownKeys() {
        return Caffeine.newBuilder().expireAfterWrite(KNOWN_KEY_TTL).maximumSize(MAX_KEYS).build();
    }
}
