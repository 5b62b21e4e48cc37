package io.statfeed.interactor.demo;

import io.statfeed.core.model.Resolution;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the demo shop's stats are expected to be at any moment, before chance has its say. The
 * story: traffic peaks in the (UTC) afternoon and sleeps at night, weekends are quiet, the shop
 * grows 45% over the month, and three things happened: a launch on a news site, a database failover
 * (latency, queue and CPU spike) and a bad deploy (errors spike, checkout fails). Levels depend on
 * the time alone, so the history and the live feed tell one story.
 */
final class DemoTraffic {
    static final long MINUTE = Resolution.MINUTE.seconds();
    static final long HOUR = Resolution.HOUR.seconds();
    static final long DAY = Resolution.DAY.seconds();
    static final long MONTH = 30 * DAY;

    /** Weekday factors for people, Monday first. */
    private static final double[] PEOPLE_BY_WEEKDAY = {1.00, 1.04, 1.03, 1.00, 0.90, 0.55, 0.62};
    /** API clients are machines: they rest less at weekends and at night. */
    private static final double[] MACHINES_BY_WEEKDAY = {1.00, 1.02, 1.02, 1.00, 0.95, 0.80, 0.82};
    private static final double MACHINES_AT_NIGHT = 0.35;
    private static final double MONTHLY_GROWTH = 1.45;
    /** 1970-01-01 was a Thursday: day 0 is weekday 3 when Monday is 0. */
    private static final int EPOCH_WEEKDAY = 3;
    private static final int SATURDAY = 5;
    /** Slow drifts on top of the seasons, as periods in seconds and relative amplitudes. */
    private static final long[] DRIFT_PERIODS = {47 * MINUTE, 5 * HOUR + 17 * MINUTE, 2 * DAY + 17 * HOUR};
    private static final double[] DRIFT_AMPLITUDES = {0.05, 0.07, 0.06};

    /** Per-minute rates (counters) and means (values) at one moment. */
    record Levels(double pageViews, double signups, double orders, double apiRequests, double errorRatio,
                  double reportEmails, double latencyMs, double queueDepth, double cpuPercent, double orderValueUsd) {
    }

    /** Something that happened, with an intensity rising fast and ebbing over its last third. */
    record Incident(long start, long seconds) {
        private static final long RISE = 2 * MINUTE;

        double intensity(long t) {
            long in = t - start;
            if (in < 0 || in >= seconds) {
                return 0;
            }
            if (in < RISE) {
                return (double) in / RISE;
            }
            long ebbFrom = seconds * 2 / 3;
            return in < ebbFrom ? 1 : 1 - (double) (in - ebbFrom) / (seconds - ebbFrom);
        }

        long end() {
            return start + seconds;
        }
    }

    final Incident launch;
    final Incident databaseFailover;
    final Incident badDeploy;
    private final long end;
    private final Map<DemoStat, double[]> driftPhases = new EnumMap<>(DemoStat.class);

    /** The story of the month that ends at {@code endSecond}; incidents sit at fixed times of earlier days. */
    DemoTraffic(long endSecond, long seed) {
        this.end = endSecond;
        long today = Resolution.DAY.bucketStart(endSecond);
        launch = new Incident(today - 16 * DAY + 13 * HOUR, 6 * HOUR);
        databaseFailover = new Incident(today - 9 * DAY + 3 * HOUR + 10 * MINUTE, 40 * MINUTE);
        badDeploy = new Incident(today - 3 * DAY + 14 * HOUR + 20 * MINUTE, 25 * MINUTE);
        SplittableRandom random = new SplittableRandom(seed);
        for (DemoStat stat : DemoStat.values()) {
            double[] phases = new double[DRIFT_PERIODS.length];
            for (int i = 0; i < phases.length; i++) {
                phases[i] = random.nextDouble(2 * Math.PI);
            }
            driftPhases.put(stat, phases);
        }
    }

    Levels at(long t) {
        double growth = Math.pow(MONTHLY_GROWTH, (double) (t - end) / MONTH);
        double people = dayCurve(t) * PEOPLE_BY_WEEKDAY[weekday(t)] * growth;
        double machines = (MACHINES_AT_NIGHT + (1 - MACHINES_AT_NIGHT) * dayCurve(t))
                * MACHINES_BY_WEEKDAY[weekday(t)] * growth;
        double launched = launch.intensity(t);
        double failover = databaseFailover.intensity(t);
        double deploy = badDeploy.intensity(t);

        double pageViews = 260 * people * drift(DemoStat.PAGE_VIEWS, t) * (1 + 1.6 * launched);
        double signups = 0.7 * people * drift(DemoStat.SIGNUPS, t) * (1 + 4 * launched);
        double orders = 1.4 * people * drift(DemoStat.ORDERS, t) * (1 + 0.5 * launched) * (1 - 0.85 * deploy);
        double apiRequests = 1_200 * machines * drift(DemoStat.API_REQUESTS, t);
        double errorRatio = 0.0012 + 0.0008 * machines + 0.085 * deploy;
        double reportEmails = isReportRun(t) ? 170 * growth : 0;
        double latency = (42 + 26 * machines * machines) * drift(DemoStat.API_LATENCY_MS, t)
                * (1 + 8 * failover) * (1 + 0.8 * deploy);
        double queue = (3 + 22 * Math.pow(people, 1.5)) * drift(DemoStat.QUEUE_DEPTH, t) + backlog(t);
        double idleCpu = Math.min(90, 8 + 52 * machines * drift(DemoStat.CPU_PERCENT, t));
        double cpu = idleCpu + (96 - idleCpu) * failover;
        double orderValue = 44 * (weekday(t) >= SATURDAY ? 1.12 : 1) * drift(DemoStat.ORDER_VALUE_USD, t);
        return new Levels(pageViews, signups, orders, apiRequests, errorRatio, reportEmails, latency, queue, cpu,
                orderValue);
    }

    static int weekday(long t) {
        return (int) Math.floorMod(Math.floorDiv(t, DAY) + EPOCH_WEEKDAY, 7L);
    }

    /** People's day: asleep at 4 am UTC (0.16), busiest at 2:30 pm, a second wind in the evening. Peak 1. */
    private static double dayCurve(long t) {
        double hour = (double) Math.floorMod(t, DAY) / HOUR;
        return Math.min(1, 0.16 + 0.84 * bell(hour, 14.5, 4.2) + 0.22 * bell(hour, 20.5, 1.6));
    }

    private static double bell(double hour, double peak, double width) {
        double distance = Math.abs(hour - peak);
        distance = Math.min(distance, 24 - distance); // the day wraps around midnight
        return Math.exp(-distance * distance / (2 * width * width));
    }

    /** Daily report mails go out from 6:00 to 6:15 UTC. */
    private static boolean isReportRun(long t) {
        long second = Math.floorMod(t, DAY);
        return second >= 6 * HOUR && second < 6 * HOUR + 15 * MINUTE;
    }

    /** Jobs pile up while the database fails over and drain in about half an hour afterwards. */
    private double backlog(long t) {
        double peak = 900;
        if (t < databaseFailover.start()) {
            return 0;
        }
        if (t < databaseFailover.end()) {
            return peak * (t - databaseFailover.start()) / databaseFailover.seconds();
        }
        return peak * Math.exp(-(double) (t - databaseFailover.end()) / (12 * MINUTE));
    }

    private double drift(DemoStat stat, long t) {
        double[] phases = driftPhases.get(stat);
        double exponent = 0;
        for (int i = 0; i < DRIFT_PERIODS.length; i++) {
            exponent += DRIFT_AMPLITUDES[i] * Math.sin(2 * Math.PI * t / DRIFT_PERIODS[i] + phases[i]);
        }
        return Math.exp(exponent);
    }
}
