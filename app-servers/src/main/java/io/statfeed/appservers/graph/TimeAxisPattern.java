package io.statfeed.appservers.graph;

/**
 * The date pattern of the time axis, chosen by the window's length so a label says what changes
 * between ticks: the time of day within a day, the day within a month, the month within years.
 * The chart library widens its tick step until no two labels read alike, so a pattern coarser
 * than its first guess also keeps it from labelling every hour of a week.
 */
final class TimeAxisPattern {
    private static final long HOUR = 3_600;
    private static final long DAY = 24 * HOUR;
    private static final long TIME_OF_DAY_UP_TO = 36 * HOUR;
    private static final long WEEKDAY_AND_TIME_UP_TO = 4 * DAY;
    private static final long DAY_OF_MONTH_UP_TO = 400 * DAY;

    private TimeAxisPattern() {
    }

    static String forWindow(long seconds) {
        if (seconds <= TIME_OF_DAY_UP_TO) {
            return "HH:mm";
        }
        if (seconds <= WEEKDAY_AND_TIME_UP_TO) {
            return "EEE HH:mm";
        }
        if (seconds <= DAY_OF_MONTH_UP_TO) {
            return "MMM d";
        }
        return "MMM yyyy";
    }
}
