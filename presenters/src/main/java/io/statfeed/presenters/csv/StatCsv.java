package io.statfeed.presenters.csv;

import io.statfeed.interactor.stats.DownloadStatData.StatData;
import io.statfeed.interactor.stats.Point;
import java.time.Instant;
import java.util.Locale;

/** A stat's points as CSV for spreadsheets: unix time, the same time in ISO-8601 UTC, and the value. */
public final class StatCsv {
    private static final String HEADER = "time,utc,value\r\n";
    private static final int MAX_FILE_NAME = 80;

    private StatCsv() {
    }

    public static String csv(StatData data) {
        StringBuilder out = new StringBuilder(HEADER.length() + data.points().size() * 40).append(HEADER);
        for (Point point : data.points()) {
            out.append(point.time()).append(',').append(Instant.ofEpochSecond(point.time())).append(',')
                    .append(number(point.value())).append("\r\n");
        }
        return out.toString();
    }

    /** A file name safe in any browser and file system: the stat's name and frame, odd characters as '-'. */
    public static String fileName(StatData data) {
        String base = (data.stat().name() + "-" + data.window().key()).replaceAll("[^A-Za-z0-9._-]+", "-");
        if (base.length() > MAX_FILE_NAME) {
            base = base.substring(0, MAX_FILE_NAME);
        }
        return base + ".csv";
    }

    /** Whole numbers without a trailing ".0"; others as Java writes doubles, which round-trip exactly. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return Double.toString(value);
    }
}
