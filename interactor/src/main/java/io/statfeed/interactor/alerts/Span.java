package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.alerts.AlertWindow;

/**
 * The buckets a window is read from: [from, to) in unix seconds at one resolution. Short windows
 * read minutes; a day to a month reads hours and a year reads days, so that the longest window of
 * 10,000 alerts is still a few hundred rows a stat, not tens of thousands.
 */
record Span(Resolution resolution, long from, long to) {
    static Span ending(AlertWindow window, long endSeconds) {
        Resolution resolution = window.seconds() <= AlertWindow.THREE_HOURS.seconds() ? Resolution.MINUTE
                : window.seconds() <= AlertWindow.MONTH.seconds() ? Resolution.HOUR : Resolution.DAY;
        // The bucket holding the window's start is partly older than the window: it is left out,
        // and the bucket still filling at the end is in, so the window is never longer than asked.
        long from = Math.floorDiv(endSeconds - window.seconds() + resolution.seconds() - 1, resolution.seconds())
                * resolution.seconds();
        return new Span(resolution, from, endSeconds);
    }

    Span shiftedBack(long seconds) {
        return new Span(resolution, from - seconds, to - seconds);
    }
}
