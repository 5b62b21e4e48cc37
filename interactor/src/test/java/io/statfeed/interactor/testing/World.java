package io.statfeed.interactor.testing;

import io.statfeed.appservers.AppServices;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.Payload;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.interactor.feeds.PublishActivity;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.interactor.directory.ApiServersHonour;
import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.accounts.SignupLimit;
import io.statfeed.interactor.export.AccessTokens;
import io.statfeed.interactor.retention.RetentionHorizons;
import io.statfeed.interactor.stats.GraphDrawing;
import io.statfeed.interactor.stats.SeriesReader;
import io.statfeed.interactor.stats.StatAccess;
import io.statfeed.interactor.stats.StatAnalyst;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real storage of one backend with the stores and a fixed clock, and the graph and analysis
 * servers in this process, for use-case tests.
 */
public final class World implements AutoCloseable {
    /** 2023-11-14T22:13:20Z. */
    public static final long NOW_SECONDS = 1_700_000_000L;
    /** bcrypt's lowest cost keeps tests fast; production uses Settings.Accounts.passwordHashCost(). */
    public static final int TEST_HASH_COST = 4;

    /** Stands at {@link #NOW_SECONDS} until a test moves it on. */
    public final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW_SECONDS));
    public final Database database;
    public final AccountStore accounts;
    public final StatStore stats;
    public final BucketStore buckets;
    public final SessionStore sessions;
    public final LoginFailureStore loginFailures;
    public final DashboardStore dashboards;
    public final ActivityStore activities;
    public final PublishActivity publisher;
    public final AnnotationStore annotations;
    public final ApiServersHonour honour;
    public final Passwords passwords = new Passwords(TEST_HASH_COST);
    public final AccessTokens tokens;
    public final SignupLimit signupLimit;
    public final SignUp signUp;
    /** The real graph and analysis services, in this process. */
    public final AppServices appServices = AppServices.inProcess();
    private final Backend.TestDatabase testDatabase;
    private final AtomicLong groupSeq = new AtomicLong();
    private final AtomicLong users = new AtomicLong();

    public World(Backend backend, Path dataDir) {
        testDatabase = backend.create(dataDir);
        database = Database.open(testDatabase.settings());
        accounts = new AccountStore(database);
        stats = new StatStore(database);
        buckets = new BucketStore(database);
        sessions = new SessionStore(database);
        loginFailures = new LoginFailureStore(database);
        dashboards = new DashboardStore(database);
        activities = new ActivityStore(database, testDatabase.settings().feeds().policy());
        publisher = new PublishActivity(activities, accounts, clock);
        annotations = new AnnotationStore(database, activities);
        honour = new ApiServersHonour(new DirectoryChanges(database), clock);
        tokens = new AccessTokens(accounts);
        signupLimit = new SignupLimit(new SignupAttemptStore(database), Settings.DEFAULT_SIGNUPS_PER_HOUR, clock);
        signUp = new SignUp(accounts, passwords, signupLimit, clock);
    }

    /** A new user with an account of their own. */
    public SignUp.SignedUp newAccount() {
        return signUp.signUp("user" + users.incrementAndGet() + "@example.com", "correct horse");
    }

    /** The owner of a new account, as the use cases see them once signed in. */
    public Visitor newVisitor() {
        return visitorOf(newAccount());
    }

    public Visitor visitorOf(SignUp.SignedUp signedUp) {
        return new Visitor(accounts.findUserByEmail(signedUp.email()).orElseThrow().id(), signedUp.accountId());
    }

    public Stat counter(Visitor owner, String name) {
        return stats.createOrGet(owner.accountId(), name, true, clock.millis());
    }

    public Stat value(Visitor owner, String name) {
        return stats.createOrGet(owner.accountId(), name, false, clock.millis());
    }

    public Stat counter(SignUp.SignedUp owner, String name) {
        return stats.createOrGet(owner.accountId(), name, true, clock.millis());
    }

    public Stat value(SignUp.SignedUp owner, String name) {
        return stats.createOrGet(owner.accountId(), name, false, clock.millis());
    }

    public StatAccess statAccess() {
        return new StatAccess(stats);
    }

    /** The default retention's horizons: a month of minutes, two years of hours. */
    public RetentionHorizons horizons() {
        return new RetentionHorizons(Settings.Retention.defaults());
    }

    /** A reader on the world's clock with the default retention, one query per resolution. */
    public SeriesReader seriesReader() {
        return new SeriesReader(buckets, horizons(), clock);
    }

    public StatAnalyst analyst() {
        return new StatAnalyst(seriesReader(), appServices.analysis());
    }

    public GraphDrawing drawing() {
        return new GraphDrawing(seriesReader(), annotations, appServices.graph());
    }

    /** An annotation by {@code author} on the stat, stored with its activity in the stat's feed. */
    public Annotation annotate(Visitor author, Stat stat, long id, long atMillis, String text) {
        Annotation annotation = new Annotation(id, stat.accountId(), stat.id(), author.userId(), text, atMillis,
                clock.millis());
        Activity activity = new Activity(id, "annotation:" + id, stat.accountId(), Optional.of(author.userId()),
                Verb.ANNOTATION_ADDED, new Activity.ObjectRef("annotation", id),
                Optional.of(Activity.ObjectRef.stat(stat.id())), Optional.of(stat.id()), clock.millis(),
                Payload.of("text", text));
        annotations.add(annotation, activity, List.of(FeedKey.stat(stat.id())), clock.millis());
        return annotation;
    }

    /** A bucket holding the given points (a counter's counts or a value stat's values) from {@code start}. */
    public static Bucket bucket(long start, double... points) {
        double min = Arrays.stream(points).min().orElseThrow();
        double max = Arrays.stream(points).max().orElseThrow();
        return new Bucket(start, points.length, Arrays.stream(points).sum(), min, max,
                Arrays.stream(points).map(point -> point * point).sum());
    }

    public void store(Stat stat, Resolution resolution, Bucket... stored) {
        List<BucketStore.StatBucket> rows = Arrays.stream(stored)
                .map(bucket -> new BucketStore.StatBucket(stat.id(), resolution, bucket)).toList();
        buckets.add(rows, "test-node", groupSeq.incrementAndGet(), clock.millis());
    }

    @Override
    public void close() {
        try (testDatabase; appServices) {
            database.close();
        }
    }
}
