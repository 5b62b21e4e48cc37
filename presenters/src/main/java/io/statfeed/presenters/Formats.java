package io.statfeed.presenters;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** Numbers and times as people read them. The same text in every page, so tests can compare it exactly. */
public final class Formats {
    /** Beyond this, grouped digits stop being readable; scientific notation takes over. */
    private static final double LARGE = 1e15;
    private static final MathContext SMALL_PRECISION = new MathContext(4);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final long MINUTE_SECONDS = 60;
    private static final long HOUR_SECONDS = 3_600;
    private static final long DAY_SECONDS = 86_400;
    private static final long JUST_NOW_SECONDS = 5;
    private static final String NONE = "–";

    private Formats() {
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        double magnitude = Math.abs(value);
        if (magnitude >= LARGE) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        if (magnitude != 0 && magnitude < 1) {
            return new BigDecimal(value).round(SMALL_PRECISION).stripTrailingZeros().toPlainString();
        }
        DecimalFormat grouped = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String text = grouped.format(value);
        return text.equals("-0") ? "0" : text;
    }

    public static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : NONE;
    }

    /** "+12.5%", "−3%" (a real minus sign), or a dash when there is nothing to compare with. */
    public static String change(OptionalDouble percent) {
        if (percent.isEmpty() || !Double.isFinite(percent.getAsDouble())) {
            return NONE;
        }
        double value = percent.getAsDouble();
        String digits = new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(Math.abs(value));
        if (digits.equals("0")) {
            return "0%";
        }
        return (value > 0 ? "+" : "\u2212") + digits + "%";
    }

    /** An interval's length: "1 min", "5 min", "3 h", "1 day", "2 weeks". */
    public static String duration(long seconds) {
        if (seconds % (7 * DAY_SECONDS) == 0) {
            long weeks = seconds / (7 * DAY_SECONDS);
            return weeks + (weeks == 1 ? " week" : " weeks");
        }
        if (seconds % DAY_SECONDS == 0) {
            long days = seconds / DAY_SECONDS;
            return days + (days == 1 ? " day" : " days");
        }
        if (seconds % HOUR_SECONDS == 0) {
            return seconds / HOUR_SECONDS + " h";
        }
        if (seconds % MINUTE_SECONDS == 0) {
            return seconds / MINUTE_SECONDS + " min";
        }
        return seconds + " s";
    }

    public static String time(long unixSeconds) {
        return MINUTE.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** How long ago, in the largest whole unit: "just now", "42 s ago", "5 min ago", "3 h ago", "2 days ago". */
    public static String ago(long seconds) {
        if (seconds < JUST_NOW_SECONDS) {
            return "just now";
        }
        if (seconds < MINUTE_SECONDS) {
            return seconds + " s ago";
        }
        if (seconds < HOUR_SECONDS) {
            return seconds / MINUTE_SECONDS + " min ago";
        }
        if (seconds < DAY_SECONDS) {
            return seconds / HOUR_SECONDS + " h ago";
        }
        long days = seconds / DAY_SECONDS;
        return days + (days == 1 ? " day ago" : " days ago");
    }
}
