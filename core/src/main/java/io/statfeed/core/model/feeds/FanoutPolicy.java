package io.statfeed.core.model.feeds;

/**
 * When a feed stops being pushed into its followers' timelines and is merged in at read time
 * instead: once it has more than {@code fanoutLimit} followers, or publishes more than
 * {@code pullRatePerHour} activities within an hour.
 */
public record FanoutPolicy(int fanoutLimit, int pullRatePerHour) {
    public static final long RATE_WINDOW_MILLIS = 3_600_000L;
}
