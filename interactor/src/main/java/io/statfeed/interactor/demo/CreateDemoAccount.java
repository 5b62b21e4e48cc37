package io.statfeed.interactor.demo;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.accounts.SignUp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A newcomer tries Statfeed: a demo account with a month of a small web shop's stats, ending now,
 * so that every graph is full at once. Made once; when the account exists it is left as it is.
 *
 * <p>The history goes straight to storage under a node id of its own ({@link #NODE_ID}), so its
 * checkpoint never touches an api-server's. Minute buckets go in batches; the hour and day buckets,
 * rolled up from exactly those minutes, go last in one transaction, so day buckets in storage mean
 * the history is complete.
 */
public final class CreateDemoAccount {
    public static final String EMAIL = "demo@statfeed.local";
    /** Printed at start and in the README: the demo account holds nothing secret. */
    public static final String PASSWORD = "demo-password";
    /** The writer of the demo history in the ingest checkpoints; api-server nodes are "api-" and a UUID. */
    public static final String NODE_ID = "demo";
    /** Fixed, so the history is the same for the same end time: tests can check exact things. */
    public static final long SEED = 20_231_114L;
    /** Minute buckets per write: bounded memory and transactions, few round trips. */
    static final int ROWS_PER_WRITE = 20_000;
    private static final long MILLIS_PER_SECOND = 1_000;

    /** What happened to the demo account. */
    public enum Outcome {
        /** Made now, with its history. */
        CREATED,
        /** It was there already and is left as it is. */
        FOUND,
        /** It is there, but its history was cut short (e.g. the process stopped while writing it). */
        INCOMPLETE
    }

    /** The demo account and how to sign in to it and post to it. */
    public record DemoAccount(Outcome outcome, long accountId, String email, String password, String ezkey,
                              List<Stat> stats, long bucketsWritten) {
        public DemoAccount {
            stats = List.copyOf(stats);
        }

        @Override
        public String toString() {
            return "DemoAccount[" + outcome + ", accountId=" + accountId + ", email=" + email + ", stats="
                    + stats.size() + ", bucketsWritten=" + bucketsWritten + "]"; // the ezkey stays out of logs
        }
    }

    private final SignUp signUp;
    private final AccountStore accounts;
    private final StatStore stats;
    private final BucketStore buckets;
    private final DashboardStore dashboards;
    private final Clock clock;

    /** The dashboard a newcomer finds ready, and the stat that is public so its embed code shows at once. */
    public static final String DASHBOARD = "Overview";
    static final List<DemoStat> ON_DASHBOARD = List.of(DemoStat.PAGE_VIEWS, DemoStat.SIGNUPS, DemoStat.ORDERS,
            DemoStat.API_LATENCY_MS, DemoStat.ERRORS, DemoStat.CPU_PERCENT);
    static final DemoStat PUBLIC = DemoStat.PAGE_VIEWS;

    public CreateDemoAccount(SignUp signUp, AccountStore accounts, StatStore stats, BucketStore buckets,
                             DashboardStore dashboards, Clock clock) {
        this.dashboards = dashboards;
        this.signUp = signUp;
        this.accounts = accounts;
        this.stats = stats;
        this.buckets = buckets;
        this.clock = clock;
    }

    public DemoAccount createOrFind() {
        Optional<Account> existing = accounts.findOwnedBy(EMAIL);
        if (existing.isPresent()) {
            return found(existing.get());
        }
        SignUp.SignedUp signedUp;
        try {
            signedUp = signUp.signUp(EMAIL, PASSWORD);
        } catch (ConflictException e) { // another process made it a moment ago
            return found(accounts.findOwnedBy(EMAIL).orElseThrow(() -> e));
        }
        long end = clock.instant().getEpochSecond();
        List<Stat> created = createStats(signedUp.accountId(), end - DemoTraffic.MONTH);
        long written = writeHistory(created, end);
        List<Stat> shown = showOff(signedUp.accountId(), created);
        return new DemoAccount(Outcome.CREATED, signedUp.accountId(), EMAIL, PASSWORD, signedUp.ezkey(), shown,
                written);
    }

    private DemoAccount found(Account account) {
        List<Stat> present = new ArrayList<>();
        for (DemoStat stat : DemoStat.values()) {
            stats.findLive(account.id(), stat.statName()).ifPresent(present::add);
        }
        boolean complete = present.size() == DemoStat.values().length
                && !buckets.read(present.get(0).id(), Resolution.DAY, 0, Long.MAX_VALUE).isEmpty();
        return new DemoAccount(complete ? Outcome.FOUND : Outcome.INCOMPLETE, account.id(), EMAIL, PASSWORD,
                account.ezkey(), present, 0);
    }

    /** A dashboard of the stats people look at first, and one public stat, so that nothing starts empty. */
    private List<Stat> showOff(long accountId, List<Stat> created) {
        long now = clock.millis();
        Dashboard overview = dashboards.create(accountId, DASHBOARD, now);
        for (DemoStat stat : ON_DASHBOARD) {
            dashboards.addStat(accountId, overview.id(), created.get(stat.ordinal()).id(), now);
        }
        stats.setPublic(accountId, created.get(PUBLIC.ordinal()).id(), true);
        return created.stream().map(stat -> stats.findLiveById(accountId, stat.id()).orElseThrow()).toList();
    }

    /** The stats, in {@link DemoStat} order, dated to when their history starts. */
    private List<Stat> createStats(long accountId, long startSecond) {
        List<Stat> created = new ArrayList<>();
        for (DemoStat stat : DemoStat.values()) {
            created.add(stats.createOrGet(accountId, stat.statName(), stat.counter(), startSecond * MILLIS_PER_SECOND));
        }
        return created;
    }

    /** A month of minutes ending with the current (partly passed) one, then their hours and days. */
    private long writeHistory(List<Stat> created, long end) {
        long lastMinute = Resolution.MINUTE.bucketStart(end);
        long firstMinute = lastMinute - DemoTraffic.MONTH + DemoTraffic.MINUTE;
        DemoSampler sampler = new DemoSampler(new DemoTraffic(end, SEED), SEED);
        Rollup hours = new Rollup(Resolution.HOUR);
        Rollup days = new Rollup(Resolution.DAY);
        Writer writer = new Writer(buckets.checkpoint(NODE_ID) + 1);
        for (long minute = firstMinute; minute <= lastMinute; minute += DemoTraffic.MINUTE) {
            double share = minute == lastMinute ? Math.max(1.0, end - minute) / DemoTraffic.MINUTE : 1.0;
            Bucket[] drawn = sampler.minute(minute, share);
            for (int i = 0; i < drawn.length; i++) {
                if (drawn[i] != null) {
                    long statId = created.get(i).id();
                    writer.add(new StatBucket(statId, Resolution.MINUTE, drawn[i]));
                    hours.add(statId, drawn[i]);
                    days.add(statId, drawn[i]);
                }
            }
            if (writer.pending() >= ROWS_PER_WRITE) {
                writer.write();
            }
        }
        writer.write();
        hours.rows().forEach(writer::add);
        days.rows().forEach(writer::add);
        writer.write(); // last: day buckets present mean the history is complete
        return writer.written;
    }

    /** Batches of rows into storage, each as the next group of the demo node. */
    private final class Writer {
        private final List<StatBucket> batch = new ArrayList<>(ROWS_PER_WRITE);
        private long groupSeq;
        private long written;

        Writer(long firstGroupSeq) {
            this.groupSeq = firstGroupSeq;
        }

        void add(StatBucket row) {
            batch.add(row);
        }

        int pending() {
            return batch.size();
        }

        void write() {
            if (batch.isEmpty()) {
                return;
            }
            buckets.add(batch, NODE_ID, groupSeq++, clock.millis());
            written += batch.size();
            batch.clear();
        }
    }

    /** Minute buckets summed into coarser ones, exactly as the api-server rolls them up. */
    private static final class Rollup {
        private record Key(long statId, long start) {
        }

        private final Resolution resolution;
        private final Map<Key, Bucket> sums = new HashMap<>();

        Rollup(Resolution resolution) {
            this.resolution = resolution;
        }

        void add(long statId, Bucket minute) {
            long start = resolution.bucketStart(minute.start());
            sums.merge(new Key(statId, start), minute.withStart(start), Rollup::sum);
        }

        List<StatBucket> rows() {
            return sums.entrySet().stream()
                    .map(e -> new StatBucket(e.getKey().statId(), resolution, e.getValue()))
                    .toList();
        }

        private static Bucket sum(Bucket a, Bucket b) {
            return new Bucket(a.start(), a.n() + b.n(), a.total() + b.total(), Math.min(a.min(), b.min()),
                    Math.max(a.max(), b.max()), a.sumSquares() + b.sumSquares());
        }
    }
}
