package io.statfeed.appservers.analysis;

import io.statfeed.core.model.InvalidInputException;

/**
 * Checks an {@link AnalysisRequest} before any arithmetic, so that a bad one is refused with a
 * message naming the window, the field and the limit.
 */
final class AnalysisInputCheck {
    /** A year of minute intervals and some: more than any stored time frame holds. */
    static final long MAX_INTERVALS = 600_000;
    static final long HOUR = 3_600;
    /**
     * Fifty years: more than any stat's life, and a bound on the work per request, which walks
     * the window hour by hour to compare it with the usual week.
     */
    static final long MAX_WINDOW_SECONDS = 50L * 366 * 24 * HOUR;

    private AnalysisInputCheck() {
    }

    static void check(AnalysisRequest request) {
        if (request == null) {
            throw new InvalidInputException("an analysis request is required");
        }
        require(request.current() != null, "current is required: the intervals of the shown window");
        checkWindow("current", request.current());
        if (request.previous() != null) {
            checkWindow("previous", request.previous());
        }
        if (request.history() != null) {
            checkWindow("history", request.history());
            require(request.history().intervalSeconds() == HOUR,
                    "history must be hourly intervals (intervalSeconds 3600), got " + request.history().intervalSeconds());
        }
        require(request.forecastIntervals() >= 0 && request.forecastIntervals() <= AnalysisRequest.MAX_FORECAST_INTERVALS,
                "forecastIntervals must be between 0 and " + AnalysisRequest.MAX_FORECAST_INTERVALS + ", got "
                        + request.forecastIntervals());
    }

    private static void checkWindow(String name, Intervals window) {
        require(window.intervalSeconds() > 0, name + ": intervalSeconds must be positive, got " + window.intervalSeconds());
        require(window.end() > window.start(),
                name + ": end must be after start, got " + window.start() + " to " + window.end());
        long span = window.end() - window.start();
        require(span <= MAX_WINDOW_SECONDS,
                name + ": a window spans at most " + MAX_WINDOW_SECONDS + " s (fifty years), got " + span);
        require(span % window.intervalSeconds() == 0, name + ": the window (" + span
                + " s) must be a whole number of intervals of " + window.intervalSeconds() + " s");
        require(span / window.intervalSeconds() <= MAX_INTERVALS,
                name + ": at most " + MAX_INTERVALS + " intervals per window, got " + span / window.intervalSeconds());
        require(window.times() != null && window.counts() != null && window.totals() != null && window.mins() != null
                && window.maxs() != null && window.sumSquares() != null,
                name + ": times, counts, totals, mins, maxs and sumSquares are all required");
        int n = window.times().length;
        require(window.counts().length == n && window.totals().length == n && window.mins().length == n
                && window.maxs().length == n && window.sumSquares().length == n,
                name + ": times, counts, totals, mins, maxs and sumSquares must be the same length");
        for (int i = 0; i < n; i++) {
            checkInterval(name, window, i);
        }
    }

    private static void checkInterval(String name, Intervals window, int i) {
        String which = name + ": interval " + (i + 1);
        long time = window.times()[i];
        require(time >= window.start() && time < window.end(),
                which + " (time " + time + ") is outside the window " + window.start() + " to " + window.end());
        require(i == 0 || index(window, time) > index(window, window.times()[i - 1]),
                which + ": times must be in ascending order, one per interval");
        require(window.counts()[i] >= 0, which + ": count must not be negative");
        require(Double.isFinite(window.totals()[i]) && Double.isFinite(window.mins()[i])
                && Double.isFinite(window.maxs()[i]) && Double.isFinite(window.sumSquares()[i]),
                which + ": totals, mins, maxs and sumSquares must be finite numbers");
        require(window.counts()[i] == 0 || window.mins()[i] <= window.maxs()[i], which + ": min is above max");
    }

    private static long index(Intervals window, long time) {
        return (time - window.start()) / window.intervalSeconds();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
