package io.statfeed.interactor.stats;

import io.statfeed.core.model.GraphFrame;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.TimeFrame;
import java.util.concurrent.TimeUnit;

/** Turns the frame a page asks for (named or StatHat-style) into a window ending now. */
final class Frames {
    static final String DEFAULT = GraphFrame.DAY.key();

    private Frames() {
    }

    static Window window(String requested, Stat stat, long nowSeconds) {
        String text = requested == null || requested.isBlank() ? DEFAULT : requested.strip();
        try {
            TimeFrame frame = GraphFrame.resolve(text, TimeUnit.MILLISECONDS.toSeconds(stat.createdAtMillis()),
                    nowSeconds);
            return Window.of(frame, nowSeconds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("time frame tf: " + e.getMessage()
                    + "; or use one of 1h, 1d, 1w, 1M, 3M, 1y, all");
        }
    }
}
