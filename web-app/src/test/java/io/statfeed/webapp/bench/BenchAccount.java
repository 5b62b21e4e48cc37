package io.statfeed.webapp.bench;

import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.interactor.accounts.SignupLimit;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.interactor.feeds.PublishActivity;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.dashboards.AddStatToDashboard;
import io.statfeed.interactor.dashboards.CreateDashboard;
import io.statfeed.interactor.session.NewSession;
import io.statfeed.interactor.session.StartSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The account the bench browses, made through the use cases a person's sign-up goes through: a
 * new user signed in (the session token goes into the client's cookie), twelve stats with their
 * history ({@link BenchHistory}) and a dashboard holding all twelve.
 */
record BenchAccount(long accountId, List<Stat> stats, long dashboardId, String sessionToken, long bucketRows) {
    private static final long MILLIS_PER_SECOND = 1_000;
    private static final String PASSWORD = "bench-password";

    BenchAccount {
        stats = List.copyOf(stats);
    }

    static BenchAccount create(Database database, Settings settings, Clock clock) {
        AccountStore accounts = new AccountStore(database);
        StatStore statStore = new StatStore(database);
        DashboardStore dashboards = new DashboardStore(database);
        SignUp.SignedUp signedUp = new SignUp(accounts, new Passwords(settings.accounts().passwordHashCost()),
                new SignupLimit(new SignupAttemptStore(database), settings.accounts().signupsPerHour(), clock), clock)
                .signUp("bench-" + Ids.next() + "@example.com", PASSWORD);
        NewSession session = new StartSession(accounts, new SessionStore(database), clock).startAfter(signedUp);

        long end = clock.instant().getEpochSecond();
        long createdAt = (end - BenchHistory.ROLLUP_DAYS * 86_400L) * MILLIS_PER_SECOND;
        List<Stat> stats = new ArrayList<>();
        for (BenchHistory.Shape shape : BenchHistory.SHAPES) {
            stats.add(statStore.createOrGet(signedUp.accountId(), shape.name(), shape.counter(), createdAt));
        }
        long rows = new BenchHistory(new BucketStore(database)).write(stats, end, clock.millis());

        Visitor visitor = new Visitor(session.userId(), session.accountId());
        long dashboardId = new CreateDashboard(dashboards, new PublishActivity(new ActivityStore(database,
                settings.feeds().policy()), accounts, clock), clock).create(visitor, "bench: twelve graphs").id();
        AddStatToDashboard add = new AddStatToDashboard(dashboards, statStore, clock);
        stats.forEach(stat -> add.add(visitor, dashboardId, stat.id()));
        return new BenchAccount(signedUp.accountId(), stats, dashboardId, session.token(), rows);
    }

    @Override
    public String toString() {
        return "BenchAccount[accountId=" + accountId + ", stats=" + stats.size() + ", dashboardId=" + dashboardId
                + ", bucketRows=" + bucketRows + "]"; // the session token stays out of output
    }
}
