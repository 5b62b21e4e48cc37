package io.statfeed.interactor.testing;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.export.AccessTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Real storage of one backend with the stores and a fixed clock, for use-case tests. */
public final class World implements AutoCloseable {
    /** 2023-11-14T22:13:20Z. */
    public static final long NOW_SECONDS = 1_700_000_000L;
    /** bcrypt's lowest cost keeps tests fast; production uses Settings.passwordHashCost(). */
    public static final int TEST_HASH_COST = 4;

    public final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC);
    public final Database database;
    public final AccountStore accounts;
    public final StatStore stats;
    public final BucketStore buckets;
    public final AccessTokens tokens;
    public final SignUp signUp;
    private final Backend.TestDatabase testDatabase;
    private final AtomicLong groupSeq = new AtomicLong();
    private final AtomicLong users = new AtomicLong();

    public World(Backend backend, Path dataDir) {
        testDatabase = backend.create(dataDir);
        database = Database.open(testDatabase.settings());
        accounts = new AccountStore(database);
        stats = new StatStore(database);
        buckets = new BucketStore(database);
        tokens = new AccessTokens(accounts);
        signUp = new SignUp(accounts, new Passwords(TEST_HASH_COST), clock);
    }

    /** A new user with an account of their own. */
    public SignUp.SignedUp newAccount() {
        return signUp.signUp("user" + users.incrementAndGet() + "@example.com", "correct horse");
    }

    public Stat counter(SignUp.SignedUp owner, String name) {
        return stats.createOrGet(owner.accountId(), name, true, clock.millis());
    }

    public Stat value(SignUp.SignedUp owner, String name) {
        return stats.createOrGet(owner.accountId(), name, false, clock.millis());
    }

    public void store(Stat stat, Resolution resolution, Bucket... stored) {
        List<BucketStore.StatBucket> rows = Arrays.stream(stored)
                .map(bucket -> new BucketStore.StatBucket(stat.id(), resolution, bucket)).toList();
        buckets.add(rows, "test-node", groupSeq.incrementAndGet(), clock.millis());
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            testDatabase.close();
        }
    }
}
