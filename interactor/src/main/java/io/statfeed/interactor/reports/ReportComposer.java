package io.statfeed.interactor.reports;

import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.User;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.StarStore;
import io.statfeed.core.storage.StatStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Gathers one person's report for a period: the stats they starred or follow (or, until they choose any, the
 * account's {@link #MOST_ACTIVE} most active stats of the period), each with its value, the change
 * against the period before and a sparkline, and the alerts that fired. Values are read from hour
 * buckets, two queries for all the stats; in a time zone whose midnight is not on the hour (India,
 * Nepal) a day's edges are the nearest hours after its midnights.
 */
public final class ReportComposer {
    /** Enough to see what moved at a glance; more than this is a dashboard's job. */
    public static final int MOST_ACTIVE = 10;
    /** Alerts listed in one report; a storm of them is summed up by its first ones. */
    public static final int MAX_ALERTS = 20;
    private static final double PERCENT = 100.0;

    private final StarStore stars;
    private final FollowStore follows;
    private final StatStore stats;
    private final BucketStore buckets;
    private final AlertStore alerts;
    private final Sparklines sparklines;
    private final UnsubscribeTokens tokens;
    private final URI webBase;

    public ReportComposer(StarStore stars, FollowStore follows, StatStore stats, BucketStore buckets, AlertStore alerts,
                          Sparklines sparklines, UnsubscribeTokens tokens, URI webBase) {
        this.stars = stars;
        this.follows = follows;
        this.stats = stats;
        this.buckets = buckets;
        this.alerts = alerts;
        this.sparklines = sparklines;
        this.tokens = tokens;
        this.webBase = webBase;
    }

    public Report compose(User user, ReportPeriod period, String messageId) {
        List<Stat> chosen = chosen(user);
        List<Stat> followed = chosen.isEmpty() ? mostActive(user.accountId(), period) : chosen;
        List<Report.StatLine> lines = lines(followed, period);
        List<AlertStore.Fired> fired = alerts.firedBetween(user.accountId(), period.startSeconds() * 1000,
                period.endSeconds() * 1000, MAX_ALERTS);
        return new Report(user.id(), user.email(), period, !chosen.isEmpty(), lines, fired, webBase,
                tokens.tokenFor(user.id()), messageId);
    }

    /**
     * The stats the person starred, then those they follow that they may still see (their
     * account's, or public ones of other accounts), each once.
     */
    private List<Stat> chosen(User user) {
        List<Stat> chosen = new ArrayList<>(stars.starredStats(user.id(), user.accountId()));
        java.util.Set<Long> ids = new java.util.HashSet<>(chosen.stream().map(Stat::id).toList());
        List<Long> followedIds = follows.followed(user.id()).stream().filter(f -> f.type() == FeedType.STAT)
                .map(FeedKey::id).filter(id -> !ids.contains(id)).toList();
        stats.liveByIds(followedIds).stream().filter(stat -> stat.accountId() == user.accountId() || stat.isPublic())
                .forEach(chosen::add);
        return chosen;
    }

    /** The account's stats with the most points in the period, busiest first; stats without any are left out. */
    private List<Stat> mostActive(long accountId, ReportPeriod period) {
        List<Stat> all = stats.allLive(accountId);
        Map<Long, BucketStore.Sums> sums = sums(all, period);
        return all.stream().filter(stat -> sums.containsKey(stat.id()))
                .sorted(Comparator.<Stat>comparingLong(stat -> -sums.get(stat.id()).n())
                        .thenComparing(Stat::name).thenComparingLong(Stat::id))
                .limit(MOST_ACTIVE).toList();
    }

    private List<Report.StatLine> lines(List<Stat> followed, ReportPeriod period) {
        Map<Long, BucketStore.Sums> now = sums(followed, period);
        Map<Long, BucketStore.Sums> before = sums(followed, period.previous());
        List<Report.StatLine> lines = new ArrayList<>();
        for (Stat stat : followed) {
            OptionalDouble value = value(stat, now.get(stat.id()));
            OptionalDouble previous = value(stat, before.get(stat.id()));
            lines.add(new Report.StatLine(stat, value, previous, change(value, previous),
                    sparklines.draw(stat, period), "spark-" + stat.id()));
        }
        return lines;
    }

    private Map<Long, BucketStore.Sums> sums(List<Stat> of, ReportPeriod period) {
        return buckets.sums(of.stream().map(Stat::id).toList(), Resolution.HOUR, period.startSeconds(),
                period.endSeconds());
    }

    /** A counter's total (nothing counted is 0), a value stat's mean (nothing measured is no value). */
    static OptionalDouble value(Stat stat, BucketStore.Sums sums) {
        if (sums == null || sums.n() == 0) {
            return stat.counter() ? OptionalDouble.of(0) : OptionalDouble.empty();
        }
        return OptionalDouble.of(stat.counter() ? sums.total() : sums.total() / sums.n());
    }

    /** Percent change; none from nothing (or from zero, where any change is infinite). */
    static OptionalDouble change(OptionalDouble value, OptionalDouble previous) {
        if (value.isEmpty() || previous.isEmpty() || previous.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        double was = previous.getAsDouble();
        return OptionalDouble.of((value.getAsDouble() - was) / Math.abs(was) * PERCENT);
    }
}
