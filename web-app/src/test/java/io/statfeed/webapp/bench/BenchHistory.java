package io.statfeed.webapp.bench;

import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.BucketStore.StatBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bench's history, written straight to storage: for each stat, minute buckets for the last
 * {@link #MINUTE_DAYS} days (the default minute retention) and hour and day buckets for the last
 * {@link #ROLLUP_DAYS} (a week's page reads four weeks of hours before its window for anomalies).
 * Shaped like a working site: busy afternoons, quiet nights and weekends, noise; seeded, so each
 * run draws the same numbers for the same end time.
 */
final class BenchHistory {
    /** The writer of the history in the ingest checkpoints; api-server nodes are "api-" and a UUID. */
    static final String NODE_ID = "bench-web";
    static final int MINUTE_DAYS = 30;
    static final int ROLLUP_DAYS = 35;
    private static final long SEED = 20_261_121L;
    private static final int ROWS_PER_WRITE = 20_000;
    private static final long MINUTE = Resolution.MINUTE.seconds();
    private static final long HOUR = Resolution.HOUR.seconds();
    private static final long DAY = Resolution.DAY.seconds();
    private static final double WEEKEND_LEVEL = 0.6;
    private static final double DAILY_SWING = 0.5;
    /** The busiest hour of the day (UTC). */
    private static final int PEAK_HOUR = 15;
    private static final double VALUE_NOISE = 0.08;
    private static final int MAX_SAMPLES_PER_MINUTE = 30;

    /** One stat's kind and typical level per minute (events for a counter, the value for a value stat). */
    record Shape(String name, boolean counter, double level) {
    }

    /** Six counters and six value stats, as a small web shop would track them. */
    static final List<Shape> SHAPES = List.of(
            new Shape("page views", true, 400), new Shape("signups", true, 3), new Shape("orders", true, 8),
            new Shape("api requests", true, 2_500), new Shape("errors", true, 1.5), new Shape("emails sent", true, 20),
            new Shape("api latency ms", false, 85), new Shape("queue depth", false, 12), new Shape("cpu %", false, 35),
            new Shape("order value usd", false, 60), new Shape("db connections", false, 40),
            new Shape("cache hit %", false, 92));

    private final BucketStore buckets;
    private final List<StatBucket> batch = new ArrayList<>(ROWS_PER_WRITE);
    private long groupSeq;
    private long written;

    BenchHistory(BucketStore buckets) {
        this.buckets = buckets;
        this.groupSeq = buckets.checkpoint(NODE_ID) + 1;
    }

    /** Writes the history of {@code stats} (in {@link #SHAPES} order) ending at {@code end}; returns the rows written. */
    long write(List<Stat> stats, long end, long nowMillis) {
        long lastMinute = Resolution.MINUTE.bucketStart(end);
        long firstMinute = Resolution.DAY.bucketStart(end) - (ROLLUP_DAYS - 1) * DAY;
        long firstStoredMinute = lastMinute - MINUTE_DAYS * DAY + MINUTE;
        for (int i = 0; i < stats.size(); i++) {
            Shape shape = SHAPES.get(i);
            long statId = stats.get(i).id();
            SplittableRandom random = new SplittableRandom(SEED + i);
            Rollup hours = new Rollup(firstMinute, HOUR, lastMinute);
            Rollup days = new Rollup(firstMinute, DAY, lastMinute);
            for (long minute = firstMinute; minute <= lastMinute; minute += MINUTE) {
                Bucket drawn = draw(shape, minute, random);
                if (drawn == null) {
                    continue;
                }
                if (minute >= firstStoredMinute) {
                    add(new StatBucket(statId, Resolution.MINUTE, drawn), nowMillis);
                }
                hours.add(drawn);
                days.add(drawn);
            }
            hours.rows(statId, Resolution.HOUR).forEach(row -> add(row, nowMillis));
            days.rows(statId, Resolution.DAY).forEach(row -> add(row, nowMillis));
        }
        flush(nowMillis);
        return written;
    }

    /** One minute of a stat; null when nothing happened (a counter with no events). */
    private static Bucket draw(Shape shape, long minute, SplittableRandom random) {
        double level = shape.level() * activity(minute);
        if (shape.counter()) {
            long events = Math.max(0, Math.round(level + Math.sqrt(level) * random.nextGaussian()));
            return events == 0 ? null : new Bucket(minute, events, events, 1, 1, events);
        }
        long samples = 1 + random.nextInt(MAX_SAMPLES_PER_MINUTE);
        double mean = Math.max(0, level * (1 + VALUE_NOISE * random.nextGaussian()));
        double spread = mean * VALUE_NOISE;
        return new Bucket(minute, samples, mean * samples, Math.max(0, mean - 2 * spread), mean + 3 * spread,
                samples * (mean * mean + spread * spread));
    }

    /** How busy the site is at a time, relative to its typical level: by hour of day and day of week. */
    private static double activity(long t) {
        double hourOfDay = (double) Math.floorMod(t, DAY) / HOUR;
        double daily = 1 + DAILY_SWING * Math.cos(2 * Math.PI * (hourOfDay - PEAK_HOUR) / 24);
        long dayOfWeek = Math.floorMod(Math.floorDiv(t, DAY) + 3, 7); // 1970-01-01 was a Thursday: 0 is Monday
        return dayOfWeek >= 5 ? daily * WEEKEND_LEVEL : daily;
    }

    private void add(StatBucket row, long nowMillis) {
        batch.add(row);
        if (batch.size() >= ROWS_PER_WRITE) {
            flush(nowMillis);
        }
    }

    private void flush(long nowMillis) {
        if (!batch.isEmpty()) {
            buckets.add(batch, NODE_ID, groupSeq++, nowMillis);
            written += batch.size();
            batch.clear();
        }
    }

    /** Minute buckets of one stat summed into coarser ones, as the api-server rolls them up. */
    private static final class Rollup {
        private final long first;
        private final long width;
        private final Bucket[] sums;

        Rollup(long firstMinute, long width, long lastMinute) {
            this.first = Math.floorDiv(firstMinute, width) * width;
            this.width = width;
            this.sums = new Bucket[(int) ((lastMinute - first) / width) + 1];
        }

        void add(Bucket minute) {
            int slot = (int) ((minute.start() - first) / width);
            Bucket sum = sums[slot];
            sums[slot] = sum == null ? minute.withStart(first + slot * width)
                    : new Bucket(sum.start(), sum.n() + minute.n(), sum.total() + minute.total(),
                            Math.min(sum.min(), minute.min()), Math.max(sum.max(), minute.max()),
                            sum.sumSquares() + minute.sumSquares());
        }

        List<StatBucket> rows(long statId, Resolution resolution) {
            List<StatBucket> rows = new ArrayList<>();
            for (Bucket sum : sums) {
                if (sum != null) {
                    rows.add(new StatBucket(statId, resolution, sum));
                }
            }
            return rows;
        }
    }
}
