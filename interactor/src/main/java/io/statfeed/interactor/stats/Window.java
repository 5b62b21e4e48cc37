package io.statfeed.interactor.stats;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.TimeFrame;

/**
 * A frame placed in time for one page: what the visitor asked for ({@code key}, e.g. "1d" or "1w3h")
 * and the half-open span [start, end) of unix seconds it covers, cut into intervals.
 */
public record Window(String key, long start, long end, long intervalSeconds) {
    private static final long MILLIS_PER_SECOND = 1_000;

    static Window of(TimeFrame frame, long nowSeconds) {
        TimeFrame.Window placed = frame.window(nowSeconds, null);
        return new Window(frame.text(), placed.start(), placed.end(), placed.intervalSeconds());
    }

    /** The named or StatHat frame a page asks for ({@code tf}), ending now; "all" starts at the stat's creation. */
    public static Window forFrame(String frame, Stat stat, long nowSeconds) {
        return Frames.window(frame, stat, nowSeconds);
    }

    /** The frame a page asked for, checked, or the default when it asked for none. */
    public static String checkedKey(String frame, long nowSeconds) {
        return forFrame(frame, new Stat(0, 0, "", true, "", false, nowSeconds * 1000), nowSeconds).key();
    }

    /** The window of the same length just before this one. */
    public Window previous() {
        long span = end - start;
        return new Window(key, start - span, start, intervalSeconds);
    }

    /** Where the window starts, in the milliseconds storage keeps moments in. */
    public long startMillis() {
        return start * MILLIS_PER_SECOND;
    }

    /** Where the window ends (exclusive), in milliseconds. */
    public long endMillis() {
        return end * MILLIS_PER_SECOND;
    }

    public long spanSeconds() {
        return end - start;
    }

    public int intervals() {
        return (int) ((end - start) / intervalSeconds);
    }
}
