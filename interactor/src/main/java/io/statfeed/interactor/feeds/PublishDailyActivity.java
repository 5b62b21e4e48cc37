package io.statfeed.interactor.feeds;

import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.FeedType;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.StatStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Once a day (UTC), for every stat somebody follows: a daily summary of the day before, and its
 * milestones: its best day yet (after a week of history), or a round total (1,000, 10,000, ...)
 * passed. Run as often as one likes: each fact has a foreign id, so it is published once.
 */
public final class PublishDailyActivity {
    /** Days of history before a "best day yet" means something. */
    static final int BEST_DAY_AFTER_DAYS = 7;
    static final double FIRST_ROUND_TOTAL = 1_000;

    /** What one run published. */
    public record Run(int summaries, int milestones) {
    }

    private final ActivityStore activities;
    private final StatStore stats;
    private final BucketStore buckets;
    private final PublishActivity publisher;
    private final Clock clock;

    public PublishDailyActivity(ActivityStore activities, StatStore stats, BucketStore buckets, PublishActivity publisher,
                                Clock clock) {
        this.activities = activities;
        this.stats = stats;
        this.buckets = buckets;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Run run() {
        LocalDate yesterday = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
        long dayStart = yesterday.toEpochDay() * Resolution.DAY.seconds();
        long dayEnd = dayStart + Resolution.DAY.seconds();
        List<Stat> followed = stats.liveByIds(activities.followedOfType(FeedType.STAT));
        List<Long> ids = followed.stream().map(Stat::id).toList();
        Map<Long, BucketStore.Sums> day = buckets.sums(ids, Resolution.DAY, dayStart, dayEnd);
        Map<Long, BucketStore.Sums> dayBefore = buckets.sums(ids, Resolution.DAY, dayStart - Resolution.DAY.seconds(), dayStart);
        Map<Long, BucketStore.DayHistory> history = buckets.dayHistory(ids, dayStart);
        long at = clock.millis();
        int summaries = 0;
        int milestones = 0;
        for (Stat stat : followed) {
            BucketStore.Sums sums = day.get(stat.id());
            if (sums == null || sums.n() == 0) {
                continue; // a quiet day is no news
            }
            double value = value(stat, sums);
            String summary = (stat.counter() ? shown(value) + " in total" : "mean " + shown(value))
                    + change(stat, value, dayBefore.get(stat.id()));
            summaries += publisher.publish(publisher.dailySummary(stat, yesterday.toString(), summary, at)).isNew() ? 1 : 0;
            if (!stat.counter()) {
                continue;
            }
            BucketStore.DayHistory before = history.getOrDefault(stat.id(), BucketStore.DayHistory.NONE);
            if (before.days() >= BEST_DAY_AFTER_DAYS && value > before.bestTotal()) {
                milestones += publisher.publish(publisher.milestone(stat, "best-day:" + yesterday,
                        "best day yet: " + shown(value) + " on " + yesterday, at)).isNew() ? 1 : 0;
            }
            double round = roundPassed(before.total(), before.total() + value);
            if (round > 0) {
                milestones += publisher.publish(publisher.milestone(stat, "total:" + shown(round),
                        "passed " + shown(round) + " in total", at)).isNew() ? 1 : 0;
            }
        }
        return new Run(summaries, milestones);
    }

    /** The largest power of ten from 1,000 up that lies in (before, after], or 0. */
    static double roundPassed(double before, double after) {
        double passed = 0;
        for (double round = FIRST_ROUND_TOTAL; round <= after && round < 1e18; round *= 10) {
            if (round > before) {
                passed = round;
            }
        }
        return passed;
    }

    private static double value(Stat stat, BucketStore.Sums sums) {
        return stat.counter() ? sums.total() : sums.total() / sums.n();
    }

    private static String change(Stat stat, double value, BucketStore.Sums before) {
        if (before == null || before.n() == 0) {
            return "";
        }
        double previous = value(stat, before);
        if (previous == 0) {
            return "";
        }
        long percent = Math.round((value - previous) / Math.abs(previous) * 100);
        return " (" + (percent >= 0 ? "+" : "") + percent + "% on the day before)";
    }

    private static String shown(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(Math.abs(value) >= 100 ? 0 : 2, RoundingMode.HALF_UP);
        return String.format(java.util.Locale.ROOT, "%,." + Math.max(0, rounded.stripTrailingZeros().scale()) + "f", value);
    }
}
