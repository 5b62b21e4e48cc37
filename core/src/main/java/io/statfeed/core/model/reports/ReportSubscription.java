package io.statfeed.core.model.reports;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A person's report settings: how often, at which local hour in which time zone, on which weekday
 * (weekly reports), and the key of the period last sent ({@code ""} before the first).
 */
public record ReportSubscription(long userId, ReportFrequency frequency, int hourOfDay, ZoneId zone,
                                 DayOfWeek weekday, String lastSentFor) {
    /** Eight in the morning: a report read with the first coffee, about the day before. */
    public static final int DEFAULT_HOUR = 8;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    public ReportSubscription {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(weekday, "weekday");
        Objects.requireNonNull(lastSentFor, "lastSentFor");
        if (hourOfDay < 0 || hourOfDay > 23) {
            throw new IllegalArgumentException("hourOfDay must be 0-23, got " + hourOfDay);
        }
    }

    /** What a person who never opened the report settings has: no reports. */
    public static ReportSubscription none(long userId) {
        return new ReportSubscription(userId, ReportFrequency.OFF, DEFAULT_HOUR, DEFAULT_ZONE, DayOfWeek.MONDAY, "");
    }

    public boolean subscribed() {
        return frequency != ReportFrequency.OFF;
    }
}
