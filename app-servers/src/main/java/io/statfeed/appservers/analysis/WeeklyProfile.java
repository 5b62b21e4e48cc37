package io.statfeed.appservers.analysis;

import java.util.Arrays;
import java.util.Optional;

/**
 * A stat's usual level for each hour of the week, learnt from the hourly history of the four weeks
 * before the window: per hour-of-week slot, the median of that hour's values and a robust spread
 * (the MAD, scaled to a standard deviation). With four samples per slot one odd week moves
 * neither. Slots are counted from the epoch's hours, so they are UTC hours of the week.
 *
 * <p>A counter's hours count from its first data in the history (before that it did not exist),
 * the empty ones as 0; a value stat's from the hours that have points.
 */
final class WeeklyProfile {
    static final int HOURS_PER_WEEK = 168;
    static final long HOUR = 3_600;
    static final long WEEK = HOURS_PER_WEEK * HOUR;
    /** A week is scaled to the latest week's level by at most this factor, up or down. */
    static final double MAX_LEVEL_SCALE = 3;
    /** Growth beyond doubling (or halving) a week is no trend to extrapolate. */
    static final double MAX_WEEKLY_GROWTH = 2;
    /**
     * A slot is known from two weeks of data. One sample has no spread, and without a known slot
     * an interval that covers it is not judged at all: too little history gives no flags rather
     * than wrong ones.
     */
    static final int MIN_SAMPLES_PER_SLOT = 2;
    /** The profile is used at all only when at least half the week is known. */
    static final double MIN_KNOWN_SHARE = 0.5;
    /** A value stat that never varied still has a tolerance: 1% of its level... */
    private static final double VALUE_RELATIVE_FLOOR = 0.01;
    /** ...and a tiny absolute one, so that a score is always a finite number. */
    private static final double VALUE_ABSOLUTE_FLOOR = 1e-9;
    /** A count's own noise: a Poisson count of mean m varies by about √m, and by 1 below a mean of 1. */
    private static final double MIN_POISSON_MEAN = 1;

    private final boolean counter;
    private final double[] level = new double[HOURS_PER_WEEK];
    private final double[] spread = new double[HOURS_PER_WEEK];
    private final boolean[] known = new boolean[HOURS_PER_WEEK];
    private final int knownSlots;
    private final double meanLevel;
    /** How much the stat's level changes in a week, from the history's weekly means (1 when flat). */
    private final double weeklyGrowth;
    /** The middle of the history's latest week: the moment the levels are scaled to. */
    private final long levelledAt;

    private WeeklyProfile(boolean counter, double[][] samples, double weeklyGrowth, long levelledAt) {
        this.counter = counter;
        this.weeklyGrowth = weeklyGrowth;
        this.levelledAt = levelledAt;
        int knownCount = 0;
        double levelSum = 0;
        for (int slot = 0; slot < HOURS_PER_WEEK; slot++) {
            if (samples[slot].length >= MIN_SAMPLES_PER_SLOT) {
                known[slot] = true;
                knownCount++;
                level[slot] = RobustStats.median(samples[slot]);
                spread[slot] = RobustStats.spread(samples[slot], level[slot]);
                levelSum += level[slot];
            }
        }
        this.knownSlots = knownCount;
        this.meanLevel = knownCount == 0 ? 0 : levelSum / knownCount;
        double pooled = pooledSpread(samples);
        for (int slot = 0; slot < HOURS_PER_WEEK; slot++) {
            // Four samples can agree by chance; the noise seen over all hours is the least a slot gets.
            spread[slot] = Math.max(spread[slot], pooled);
        }
    }

    /** The profile of an hourly history, or empty when there is none or too little of it. */
    static Optional<WeeklyProfile> from(Intervals history, boolean counter) {
        if (history == null) {
            return Optional.empty();
        }
        Levelled levelled = levelled(counter ? sinceFirstData(history) : IntervalSeries.of(history, false),
                history.end());
        WeeklyProfile profile = new WeeklyProfile(counter, samplesBySlot(levelled.hours()), levelled.weeklyGrowth(),
                history.end() - WEEK / 2);
        return profile.knownSlots >= MIN_KNOWN_SHARE * HOURS_PER_WEEK ? Optional.of(profile) : Optional.empty();
    }

    /** Whether every hour of the week is known, as a seasonal forecast needs. */
    boolean coversEveryHour() {
        return knownSlots == HOURS_PER_WEEK;
    }

    /**
     * What an interval [start, start + seconds) usually holds: a counter's hourly levels summed
     * over the hours it covers (a share of one for a part of an hour), a value stat's averaged.
     * Empty when it covers an hour that is not known.
     */
    Optional<Expectation> expect(long start, long seconds) {
        // A growing stat is expected to have grown since: its level follows the weekly growth forward.
        double growth = Math.max(1 / MAX_LEVEL_SCALE, Math.min(MAX_LEVEL_SCALE,
                Math.pow(weeklyGrowth, (start + seconds / 2.0 - levelledAt) / WEEK)));
        double weights = 0;
        double levels = 0;
        double spreads = 0;
        for (long hour = Math.floorDiv(start, HOUR); hour * HOUR < start + seconds; hour++) {
            int slot = slot(hour);
            if (!known[slot]) {
                return Optional.empty();
            }
            double weight = (Math.min(start + seconds, (hour + 1) * HOUR) - Math.max(start, hour * HOUR)) / (double) HOUR;
            weights += weight;
            levels += weight * level[slot] * growth;
            // Spreads add up rather than in quadrature: a busy day is usually busy in all its hours.
            spreads += weight * spread[slot] * growth;
        }
        // Within an hour the noise does not shrink with the interval as the level does: a count over
        // a part of an hour varies by the square root of that part of the hour's spread, and a mean
        // over fewer points varies more, by the inverse square root.
        double partOfHour = Math.min(1, seconds / (double) HOUR);
        if (counter) {
            double spread = spreads / Math.sqrt(partOfHour);
            return Optional.of(new Expectation(levels, Math.max(spread, Math.sqrt(Math.max(levels, MIN_POISSON_MEAN)))));
        }
        double expected = levels / weights;
        double tolerance = Math.max(VALUE_RELATIVE_FLOOR * Math.abs(expected), VALUE_ABSOLUTE_FLOOR);
        return Optional.of(new Expectation(expected, Math.max(spreads / weights / Math.sqrt(partOfHour), tolerance)));
    }

    /** How far the week's rhythm lifts or lowers an interval from the stat's average level. */
    double seasonalOffset(long start, long seconds) {
        Expectation expected = expect(start, seconds).orElseThrow(
                () -> new IllegalStateException("seasonal offset of an interval that covers an unknown hour"));
        double average = counter ? meanLevel * seconds / HOUR : meanLevel;
        return expected.value() - average;
    }

    private double pooledSpread(double[][] samples) {
        int n = 0;
        for (int slot = 0; slot < HOURS_PER_WEEK; slot++) {
            n += known[slot] ? samples[slot].length : 0;
        }
        if (n == 0) {
            return 0;
        }
        double[] residuals = new double[n];
        int r = 0;
        for (int slot = 0; slot < HOURS_PER_WEEK; slot++) {
            if (known[slot]) {
                for (double sample : samples[slot]) {
                    residuals[r++] = Math.abs(sample - level[slot]);
                }
            }
        }
        return RobustStats.MAD_TO_SD * RobustStats.median(residuals);
    }

    private static double[][] samplesBySlot(IntervalSeries hours) {
        int[] counts = new int[HOURS_PER_WEEK];
        for (long time : hours.times()) {
            counts[slot(Math.floorDiv(time, HOUR))]++;
        }
        double[][] samples = new double[HOURS_PER_WEEK][];
        for (int slot = 0; slot < HOURS_PER_WEEK; slot++) {
            samples[slot] = new double[counts[slot]];
        }
        int[] filled = new int[HOURS_PER_WEEK];
        for (int i = 0; i < hours.size(); i++) {
            int slot = slot(Math.floorDiv(hours.times()[i], HOUR));
            samples[slot][filled[slot]++] = hours.values()[i];
        }
        return samples;
    }

    /** The history's hours on one level, and the growth per week that was taken out of them. */
    private record Levelled(IntervalSeries hours, double weeklyGrowth) {
    }

    /**
     * Each week's hours scaled to the level of the latest week, so that a stat that grows (or
     * shrinks) steadily is compared with what it does now, not with a month ago: without it, a
     * business growing 10% a week would look unusual every busy hour. The scale is bounded, so
     * that a week of outage or a launch does not turn the others upside down. The growth per week
     * is the geometric mean of the week-to-week changes, from the oldest week to the latest.
     */
    private static Levelled levelled(IntervalSeries hours, long historyEnd) {
        int weeks = (int) (hours.size() == 0 ? 0 : (historyEnd - 1 - hours.times()[0]) / WEEK + 1);
        if (weeks < 2) {
            return new Levelled(hours, 1);
        }
        double[] sums = new double[weeks];
        int[] counts = new int[weeks];
        for (int i = 0; i < hours.size(); i++) {
            int week = weekBefore(historyEnd, hours.times()[i]);
            sums[week] += hours.values()[i];
            counts[week]++;
        }
        double latest = counts[0] == 0 ? 0 : sums[0] / counts[0];
        double oldest = sums[weeks - 1] / counts[weeks - 1];
        double growth = latest > 0 && oldest > 0
                ? Math.max(1 / MAX_WEEKLY_GROWTH, Math.min(MAX_WEEKLY_GROWTH, Math.pow(latest / oldest, 1.0 / (weeks - 1))))
                : 1;
        double[] values = hours.values().clone();
        for (int i = 0; i < values.length; i++) {
            int week = weekBefore(historyEnd, hours.times()[i]);
            double mean = sums[week] / counts[week];
            if (week > 0 && latest > 0 && mean > 0) {
                values[i] *= Math.max(1 / MAX_LEVEL_SCALE, Math.min(MAX_LEVEL_SCALE, latest / mean));
            }
        }
        return new Levelled(new IntervalSeries(hours.times(), values), growth);
    }

    /** 0 for the latest week of the history, 1 for the one before, ... */
    private static int weekBefore(long historyEnd, long time) {
        return (int) ((historyEnd - 1 - time) / WEEK);
    }

    /** A counter's hours from its first data on, empty ones 0; none when it has no data at all. */
    private static IntervalSeries sinceFirstData(Intervals history) {
        IntervalSeries all = IntervalSeries.of(history, true);
        if (history.size() == 0) {
            return new IntervalSeries(new long[0], new double[0]);
        }
        int first = (int) ((history.times()[0] - history.start()) / history.intervalSeconds());
        return new IntervalSeries(Arrays.copyOfRange(all.times(), first, all.size()),
                Arrays.copyOfRange(all.values(), first, all.size()));
    }

    private static int slot(long hourSinceEpoch) {
        return (int) Math.floorMod(hourSinceEpoch, (long) HOURS_PER_WEEK);
    }

    /** An interval's usual value and how far it usually strays (a robust standard deviation, always above 0). */
    record Expectation(double value, double spread) {
    }
}
