package io.statfeed.appservers.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Flags intervals well outside the stat's usual level for their hours of the week. An interval is
 * flagged when its robust z-score (distance from the expectation in robust standard deviations)
 * passes {@link #THRESHOLD} and the difference is big enough to matter, so that a quiet stat
 * moving from 1 to 4 or a latency from 200.0 to 200.3 ms is not news.
 */
final class AnomalyDetector {
    /** The usual cut-off for robust z-scores (Iglewicz and Hoaglin). */
    static final double THRESHOLD = 3.5;
    /** A difference below a fifth of the usual level does not matter, however regular the stat. */
    static final double MIN_RELATIVE_DIFFERENCE = 0.2;
    /** Nor does a counter differing by fewer than this many counts. */
    static final double MIN_COUNT_DIFFERENCE = 3;
    /** An outage of a month of minutes would flag thousands: the strongest this many are kept. */
    static final int MAX_ANOMALIES = 500;

    private AnomalyDetector() {
    }

    static List<Analysis.Anomaly> detect(IntervalSeries series, long intervalSeconds, Optional<WeeklyProfile> profile,
                                         boolean counter) {
        if (profile.isEmpty()) {
            return List.of();
        }
        List<Analysis.Anomaly> found = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            long time = series.times()[i];
            double value = series.values()[i];
            profile.get().expect(time, intervalSeconds).ifPresent(expected -> {
                double difference = value - expected.value();
                double score = difference / expected.spread();
                if (Math.abs(score) > THRESHOLD && matters(difference, expected.value(), counter)) {
                    found.add(new Analysis.Anomaly(time, value, expected.value(), score));
                }
            });
        }
        return strongest(found);
    }

    private static boolean matters(double difference, double expected, boolean counter) {
        double least = MIN_RELATIVE_DIFFERENCE * Math.abs(expected);
        if (counter) {
            least = Math.max(least, MIN_COUNT_DIFFERENCE);
        }
        return Math.abs(difference) > least;
    }

    private static List<Analysis.Anomaly> strongest(List<Analysis.Anomaly> found) {
        if (found.size() <= MAX_ANOMALIES) {
            return found;
        }
        List<Analysis.Anomaly> kept = new ArrayList<>(found);
        kept.sort(Comparator.comparingDouble((Analysis.Anomaly a) -> -Math.abs(a.score())));
        kept = new ArrayList<>(kept.subList(0, MAX_ANOMALIES));
        kept.sort(Comparator.comparingLong(Analysis.Anomaly::time));
        return kept;
    }
}
