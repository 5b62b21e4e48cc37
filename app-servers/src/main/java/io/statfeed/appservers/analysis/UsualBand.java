package io.statfeed.appservers.analysis;

import java.util.Arrays;

/**
 * The band a window's value is expected in, from the same window at the same time of the week in
 * the weeks before: the median of those, widened by the same robust rule that flags anomalous
 * intervals on a graph ({@link AnomalyDetector}), so an alert and the page agree on what is unusual.
 */
public final class UsualBand {
    /** Fewer earlier weeks than this say too little about what is usual: no band, no alert. */
    public static final int MIN_EARLIER_WEEKS = 2;

    /**
     * @param counter  a counter's window is its total, a value stat's its mean
     * @param observed the window's value now
     * @param earlier  the same window's value in each earlier week that had data
     */
    public record Question(boolean counter, double observed, double[] earlier) {
        public Question {
            earlier = earlier.clone();
        }
    }

    /** {@code known} is false when there was too little history; then nothing is outside. */
    public record Band(boolean known, double expected, double low, double high, boolean outside) {
        static final Band UNKNOWN = new Band(false, 0, 0, 0, false);
    }

    private UsualBand() {
    }

    public static Band of(Question question) {
        double[] earlier = Arrays.stream(question.earlier()).filter(Double::isFinite).toArray();
        if (earlier.length < MIN_EARLIER_WEEKS || !Double.isFinite(question.observed())) {
            return Band.UNKNOWN;
        }
        double expected = RobustStats.median(earlier);
        double halfWidth = Math.max(AnomalyDetector.THRESHOLD * RobustStats.spread(earlier, expected),
                AnomalyDetector.MIN_RELATIVE_DIFFERENCE * Math.abs(expected));
        if (question.counter()) {
            halfWidth = Math.max(halfWidth, AnomalyDetector.MIN_COUNT_DIFFERENCE);
        }
        double low = expected - halfWidth;
        double high = expected + halfWidth;
        return new Band(true, expected, low, high, question.observed() < low || question.observed() > high);
    }
}
