package io.statfeed.interactor.demo;

import io.statfeed.core.model.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chance on top of {@link DemoTraffic}: how many events a minute actually had, and what each
 * measurement was. Seeded, so the same seed and the same minutes give the same numbers.
 */
final class DemoSampler {
    /** A machine samples its queue and CPU every ten seconds. */
    private static final int GAUGE_SAMPLES_PER_MINUTE = 6;
    /** Above this many measurements a minute's bucket is summarised rather than drawn one by one. */
    private static final int DRAWN_ONE_BY_ONE = 30;
    /** Above this mean, Poisson counts are drawn from their normal approximation. */
    private static final double POISSON_NORMAL_FROM = 30;
    private static final double LATENCY_SPREAD = 0.65;
    private static final double ORDER_VALUE_SPREAD = 0.55;

    /** One data point as a client would post it: a count for a counter, a measurement for a value. */
    record Point(DemoStat stat, double amount) {
    }

    private final DemoTraffic traffic;
    private final SplittableRandom random;

    DemoSampler(DemoTraffic traffic, long seed) {
        this.traffic = traffic;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The minute buckets of every stat, by {@link DemoStat#ordinal()}, null where nothing was posted.
     * {@code share} is how much of the minute has passed: 1 for a whole one.
     */
    Bucket[] minute(long start, double share) {
        DemoTraffic.Levels at = traffic.at(start + DemoTraffic.MINUTE / 2);
        Bucket[] buckets = new Bucket[DemoStat.values().length];
        long pageViews = poisson(at.pageViews() * share);
        long signups = poisson(at.signups() * share);
        long orders = poisson(at.orders() * share);
        long apiRequests = poisson(at.apiRequests() * share);
        long errors = poisson(apiRequests * at.errorRatio());
        long emails = signups + orders + poisson(at.reportEmails() * share);
        buckets[DemoStat.PAGE_VIEWS.ordinal()] = events(start, pageViews);
        buckets[DemoStat.SIGNUPS.ordinal()] = events(start, signups);
        buckets[DemoStat.ORDERS.ordinal()] = events(start, orders);
        buckets[DemoStat.API_REQUESTS.ordinal()] = events(start, apiRequests);
        buckets[DemoStat.ERRORS.ordinal()] = events(start, errors);
        buckets[DemoStat.EMAILS_SENT.ordinal()] = events(start, emails);
        buckets[DemoStat.API_LATENCY_MS.ordinal()] = latencies(start, apiRequests, at.latencyMs());
        int gauges = (int) Math.max(1, Math.round(GAUGE_SAMPLES_PER_MINUTE * share));
        buckets[DemoStat.QUEUE_DEPTH.ordinal()] = measured(start, gauges, () -> queueDepth(at));
        buckets[DemoStat.CPU_PERCENT.ordinal()] = measured(start, gauges, () -> cpuPercent(at));
        buckets[DemoStat.ORDER_VALUE_USD.ordinal()] = measured(start, orders, () -> orderValue(at));
        return buckets;
    }

    /** What clients post in the {@code seconds} before {@code t}: one point per stat with anything to say. */
    List<Point> live(long t, long seconds) {
        DemoTraffic.Levels at = traffic.at(t);
        double share = (double) seconds / DemoTraffic.MINUTE;
        long signups = poisson(at.signups() * share);
        long orders = poisson(at.orders() * share);
        long apiRequests = poisson(at.apiRequests() * share);
        List<Point> points = new ArrayList<>();
        addCount(points, DemoStat.PAGE_VIEWS, poisson(at.pageViews() * share));
        addCount(points, DemoStat.SIGNUPS, signups);
        addCount(points, DemoStat.ORDERS, orders);
        addCount(points, DemoStat.API_REQUESTS, apiRequests);
        addCount(points, DemoStat.ERRORS, poisson(apiRequests * at.errorRatio()));
        addCount(points, DemoStat.EMAILS_SENT, signups + orders + poisson(at.reportEmails() * share));
        points.add(new Point(DemoStat.API_LATENCY_MS, cents(logNormal(at.latencyMs(), LATENCY_SPREAD))));
        points.add(new Point(DemoStat.QUEUE_DEPTH, queueDepth(at)));
        points.add(new Point(DemoStat.CPU_PERCENT, cpuPercent(at)));
        for (long i = 0; i < orders; i++) {
            points.add(new Point(DemoStat.ORDER_VALUE_USD, orderValue(at)));
        }
        return points;
    }

    private static void addCount(List<Point> points, DemoStat stat, long count) {
        if (count > 0) {
            points.add(new Point(stat, count));
        }
    }

    /** Events each posted with count 1, as most clients count. */
    private static Bucket events(long start, long count) {
        return count == 0 ? null : new Bucket(start, count, count, 1, 1, count);
    }

    private Bucket latencies(long start, long requests, double meanMs) {
        if (requests <= DRAWN_ONE_BY_ONE) {
            return measured(start, requests, () -> cents(logNormal(meanMs, LATENCY_SPREAD)));
        }
        // Hundreds of requests a minute: draw the summary a minute of them would have, not each one.
        double mean = meanMs * (1 + LATENCY_SPREAD / Math.sqrt(requests) * random.nextGaussian());
        double deviation = LATENCY_SPREAD * mean;
        double min = mean * (0.12 + 0.10 * random.nextDouble());
        double max = mean * (3.2 + 2.5 * random.nextDouble());
        return new Bucket(start, requests, requests * mean, min, max, requests * (deviation * deviation + mean * mean));
    }

    private interface Measurement {
        double next();
    }

    private static Bucket measured(long start, long count, Measurement measurement) {
        if (count == 0) {
            return null;
        }
        double first = measurement.next();
        double total = first;
        double min = first;
        double max = first;
        double squares = first * first;
        for (long i = 1; i < count; i++) {
            double value = measurement.next();
            total += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            squares += value * value;
        }
        return new Bucket(start, count, total, min, max, squares);
    }

    private double queueDepth(DemoTraffic.Levels at) {
        return Math.max(0, Math.round(at.queueDepth() * (1 + 0.18 * random.nextGaussian())));
    }

    private double cpuPercent(DemoTraffic.Levels at) {
        return Math.round(Math.min(100, Math.max(0.5, at.cpuPercent() + 3.5 * random.nextGaussian())) * 10) / 10.0;
    }

    private double orderValue(DemoTraffic.Levels at) {
        return Math.max(1, cents(logNormal(at.orderValueUsd(), ORDER_VALUE_SPREAD)));
    }

    /** A log-normal draw with the given mean and sigma of the logarithm: skewed like latencies and prices. */
    private double logNormal(double mean, double sigma) {
        return mean * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }

    private long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= POISSON_NORMAL_FROM) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean); // Knuth: multiply uniforms until the product drops below e^-mean
        long count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
