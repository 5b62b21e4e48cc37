package io.statfeed.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The time frames the pages offer by name, each a span and an interval chosen so that a graph has
 * a few hundred points: enough detail to see a spike, few enough to send to a browser at once.
 * Anything else a page is given is read as a StatHat frame ({@code 1w3h}).
 */
public enum GraphFrame {
    HOUR("1h", 3_600, 60),
    DAY("1d", 86_400, 300),
    WEEK("1w", 7 * 86_400, 1_800),
    MONTH("1M", 30 * 86_400, 3 * 3_600),
    QUARTER("3M", 90 * 86_400, 86_400),
    YEAR("1y", 365 * 86_400, 86_400),
    ALL("all", 0, 86_400);

    /** "all" switches from daily to weekly points beyond this span, to stay within a few hundred points. */
    private static final long DAILY_POINTS_UP_TO_SECONDS = 2 * 365 * 86_400L;
    private static final long WEEK_SECONDS = 7 * 86_400L;

    private final String key;
    private final long spanSeconds;
    private final long intervalSeconds;

    GraphFrame(String key, long spanSeconds, long intervalSeconds) {
        this.key = key;
        this.spanSeconds = spanSeconds;
        this.intervalSeconds = intervalSeconds;
    }

    /** The name used in URLs ({@code ?tf=1w}). */
    public String key() {
        return key;
    }

    public static Optional<GraphFrame> named(String text) {
        return Arrays.stream(values()).filter(frame -> frame.key.equals(text)).findFirst();
    }

    /**
     * A named frame or a StatHat frame. "all" spans from the day (beyond two years, the week) the
     * stat was created to the one holding now.
     *
     * @param statCreatedSeconds when the stat was created, for "all"
     */
    public static TimeFrame resolve(String text, long statCreatedSeconds, long nowSeconds) {
        Optional<GraphFrame> named = named(text == null ? "" : text.strip());
        if (named.isEmpty()) {
            return TimeFrame.parse(text);
        }
        GraphFrame frame = named.get();
        if (frame != ALL) {
            return new TimeFrame(frame.key, frame.spanSeconds, frame.intervalSeconds);
        }
        long created = Math.min(statCreatedSeconds, nowSeconds);
        long interval = nowSeconds - created > DAILY_POINTS_UP_TO_SECONDS ? WEEK_SECONDS : frame.intervalSeconds;
        // Counted in whole intervals from the one holding the creation to the one holding now,
        // where the window ends: a stat made last night shows yesterday even if it is not a day old.
        long intervals = Math.floorDiv(nowSeconds, interval) - Math.floorDiv(created, interval) + 1;
        return new TimeFrame(frame.key, intervals * interval, interval);
    }
}
