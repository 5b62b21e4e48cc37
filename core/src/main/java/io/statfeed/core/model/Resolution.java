package io.statfeed.core.model;

/** The widths of stored buckets. */
public enum Resolution {
    MINUTE("m", 60),
    HOUR("h", 3_600),
    DAY("d", 86_400);

    private final String code;
    private final long seconds;

    Resolution(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    /** The one-letter code stored in the buckets table. */
    public String code() {
        return code;
    }

    public long seconds() {
        return seconds;
    }

    /** The start of the bucket that holds the given unix second. */
    public long bucketStart(long unixSeconds) {
        return Math.floorDiv(unixSeconds, seconds) * seconds;
    }

    /** The coarsest resolution whose buckets fit evenly into the given interval. */
    public static Resolution finestFittingInto(long intervalSeconds) {
        if (intervalSeconds % DAY.seconds == 0) {
            return DAY;
        }
        return intervalSeconds % HOUR.seconds == 0 ? HOUR : MINUTE;
    }
}
