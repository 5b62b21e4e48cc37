package io.statfeed.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StatHat's time frame: a span and an interval, each a number and a unit of
 * m (minute), h (hour), d (day), w (week), M (month, 30 days) or y (year, 365 days), e.g.
 * {@code 1w3h} is a week of three-hour points. The span is always a whole number of intervals.
 */
public record TimeFrame(String text, long spanSeconds, long intervalSeconds) {
    /**
     * A frame is one graph: more points than pixels of a wide screen help nobody, but a week of
     * one-minute points ({@code 1w1m}, 10,080) is a frame people ask for, so that is the limit.
     */
    public static final int MAX_POINTS = 7 * 24 * 60;
    private static final Pattern GRAMMAR = Pattern.compile("(\\d{1,6})([mhdwMy])(\\d{1,6})([mhdwMy])");

    public static TimeFrame parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("time frame t is missing; use a span and an interval such as 1w3h");
        }
        Matcher m = GRAMMAR.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("time frame '" + shorten(text) + "' is not a span and an interval "
                    + "such as 1d1h, 1w3h or 30m1m (units m h d w M y)");
        }
        long asked = Long.parseLong(m.group(1)) * unitSeconds(m.group(2).charAt(0));
        long interval = Long.parseLong(m.group(3)) * unitSeconds(m.group(4).charAt(0));
        if (asked == 0 || interval == 0) {
            throw new InvalidInputException("time frame '" + text + "' has a zero span or interval");
        }
        if (interval > asked) {
            throw new InvalidInputException("time frame '" + text + "' has an interval longer than its span");
        }
        // A span such as 1y in 1y1w is no whole number of intervals: it grows to the next whole
        // one, so that every point covers a full interval and the window starts on an interval.
        long span = (asked + interval - 1) / interval * interval;
        if (span / interval > MAX_POINTS) {
            throw new InvalidInputException("time frame '" + text + "' asks for " + span / interval
                    + " points; at most " + MAX_POINTS + " are allowed");
        }
        return new TimeFrame(text.strip(), span, interval);
    }

    /** The frame in StatHat's words, as its export API names it: {@code 1w3h} is "1 week @ 3 hours". */
    public String inWords() {
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("a parsed time frame no longer parses: " + text);
        }
        return amount(m.group(1), m.group(2).charAt(0)) + " @ " + amount(m.group(3), m.group(4).charAt(0));
    }

    private static String amount(String number, char unit) {
        String word = switch (unit) {
            case 'm' -> "minute";
            case 'h' -> "hour";
            case 'd' -> "day";
            case 'w' -> "week";
            case 'M' -> "month";
            case 'y' -> "year";
            default -> throw new IllegalArgumentException("unit " + unit);
        };
        long n = Long.parseLong(number);
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * The frame placed in time: by default it ends with the interval that holds {@code nowSeconds}
     * (so the current, partial interval is shown); with {@code startSeconds} it begins there.
     */
    public Window window(long nowSeconds, Long startSeconds) {
        long start = startSeconds != null
                ? Math.floorDiv(startSeconds, intervalSeconds) * intervalSeconds
                : (Math.floorDiv(nowSeconds, intervalSeconds) + 1) * intervalSeconds - spanSeconds;
        return new Window(start, start + spanSeconds, intervalSeconds);
    }

    /** Half-open [start, end) in unix seconds, cut into intervals. */
    public record Window(long start, long end, long intervalSeconds) {
        public int intervals() {
            return (int) ((end - start) / intervalSeconds);
        }
    }

    private static long unitSeconds(char unit) {
        return switch (unit) {
            case 'm' -> 60L;
            case 'h' -> 3_600L;
            case 'd' -> 86_400L;
            case 'w' -> 7 * 86_400L;
            case 'M' -> 30 * 86_400L;
            case 'y' -> 365 * 86_400L;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
