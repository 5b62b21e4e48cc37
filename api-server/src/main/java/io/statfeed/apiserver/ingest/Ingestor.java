package io.statfeed.apiserver.ingest;

import io.statfeed.apiserver.directory.AccountDirectory;
import io.statfeed.apiserver.directory.StatDirectory;
import io.statfeed.apiserver.directory.StatDirectory.TooManyNewStatsException;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.StatNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes posted data points: checks them, finds (or creates) their stats, and hands the accepted
 * ones to the pipeline, returning a future that completes once they are durable. Knows nothing
 * of HTTP.
 */
public final class Ingestor {
    /** Earlier times are almost surely a bug in the client (a count or an id sent as t). */
    public static final long EARLIEST_TIME = 946_684_800L; // 2000-01-01T00:00:00Z
    /** Later times are almost surely milliseconds sent as seconds, or a clock far off. */
    public static final long MAX_FUTURE_SECONDS = 86_400L;
    /** Keeps every sum of squares finite, so one wild number cannot poison a bucket. */
    public static final double MAX_ABS_AMOUNT = 1e15;

    private final AccountDirectory accounts;
    private final StatDirectory stats;
    private final IngestPipeline pipeline;
    private final Clock clock;

    /** How a post went: how many points were stored and which were not. */
    public record Outcome(int stored, int posted, List<Rejection> rejections) {
    }

    public Ingestor(AccountDirectory accounts, StatDirectory stats, IngestPipeline pipeline, Clock clock) {
        this.accounts = accounts;
        this.stats = stats;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Checks and resolves the post at once (throwing for what is wrong with it as a whole); the
     * returned future completes when the accepted points are durable.
     *
     * @param address the client's address: unknown keys are looked up within its allowance
     */
    public CompletableFuture<Outcome> ingest(Posts.EzPost post, String address) {
        Account account = accounts.byEzkey(post.ezkey(), address)
                .orElseThrow(() -> UnknownKeyException.account("unknown ezkey"));
        StatDirectory.AccountStats accountStats = stats.of(account.id());
        long now = clock.millis() / 1_000;
        Delta delta = new Delta(post.points().size());
        List<Rejection> rejections = new ArrayList<>(post.rejections());
        for (PostedPoint point : post.points()) {
            try {
                long time = checkedTime(point.time(), now);
                double amount = checkedAmount(point);
                Stat known = accountStats.known(point.stat());
                if (known != null) { // the common case: a stat this server holds, posted by its exact name
                    requireKind(known, point);
                    delta.add(known.id(), time, amount);
                    continue;
                }
                List<Stat> targets = resolveAll(accountStats, point.stat(), point.counter());
                // Every stat of a '~' fan-out must take the point before any does, so a refused
                // point is refused whole and a client resending it counts nothing twice.
                targets.forEach(stat -> requireKind(stat, point));
                for (Stat stat : targets) {
                    delta.add(stat.id(), time, amount);
                }
            } catch (InvalidInputException e) {
                rejections.add(new Rejection(point.index(), 400, e.getMessage()));
            } catch (TooManyNewStatsException e) {
                rejections.add(new Rejection(point.index(), 429, e.getMessage()));
            }
        }
        return store(delta, post.points().size() + post.rejections().size(), rejections);
    }

    public CompletableFuture<Outcome> ingest(Posts.ClassicPost post, String address) {
        PostedPoint point = post.point();
        Stat stat = stats.byKey(point.stat(), address).orElseThrow(() -> UnknownKeyException.stat("no stat has key '"
                + Numbers.shorten(point.stat()) + "'"));
        if (post.ukey() != null && !post.ukey().isBlank()) {
            Account account = accounts.byUkey(post.ukey(), address)
                    .orElseThrow(() -> UnknownKeyException.account("unknown ukey"));
            if (account.id() != stat.accountId()) {
                throw UnknownKeyException.stat("no stat of this ukey's account has key '"
                        + Numbers.shorten(point.stat()) + "'");
            }
        }
        requireKind(stat, point);
        Delta delta = new Delta();
        delta.add(stat.id(), checkedTime(point.time(), clock.millis() / 1_000), checkedAmount(point));
        return store(delta, 1, List.of());
    }

    private static List<Stat> resolveAll(StatDirectory.AccountStats stats, String postedName, boolean counter) {
        List<String> names = StatNames.expand(postedName);
        List<Stat> resolved = new ArrayList<>(names.size());
        for (String name : names) {
            resolved.add(stats.resolve(name, counter));
        }
        return resolved;
    }

    private CompletableFuture<Outcome> store(Delta delta, int posted, List<Rejection> rejections) {
        Outcome outcome = new Outcome(posted - rejections.size(), posted, rejections);
        if (delta.isEmpty()) {
            return CompletableFuture.completedFuture(outcome);
        }
        // The pipeline fails a future only with BufferFullException, which the routes answer 503.
        return pipeline.submit(delta).thenApply(journaled -> outcome);
    }

    private static void requireKind(Stat stat, PostedPoint point) {
        if (stat.counter() != point.counter()) {
            throw new InvalidInputException("stat '" + Numbers.shorten(stat.name()) + "' is a "
                    + (stat.counter() ? "counter; send count, not value" : "value stat; send value, not count"));
        }
    }

    private static long checkedTime(double time, long now) {
        if (Double.isNaN(time)) {
            return now;
        }
        if (time < EARLIEST_TIME) {
            throw new InvalidInputException("t=" + format(time) + " is before the year 2000; send unix seconds");
        }
        if (time > now + MAX_FUTURE_SECONDS) {
            throw new InvalidInputException("t=" + format(time) + " is more than a day ahead; send unix seconds, "
                    + "not milliseconds");
        }
        return (long) Math.floor(time);
    }

    private static double checkedAmount(PostedPoint point) {
        double amount = point.amount();
        if (!Double.isFinite(amount) || Math.abs(amount) > MAX_ABS_AMOUNT) {
            throw new InvalidInputException((point.counter() ? "count" : "value") + " must be a finite number "
                    + "between -1e15 and 1e15");
        }
        return amount;
    }

    private static String format(double time) {
        return time == Math.rint(time) && Math.abs(time) < 1e18 ? Long.toString((long) time) : Double.toString(time);
    }
}
