package io.statfeed.interactor.stats;

import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;

/**
 * How a graph should look: frame, size, style, format, and whether the previous period is drawn
 * as a second line.
 */
public record GraphSpec(String frame, int width, int height, GraphStyle style, ImageFormat format,
                        boolean withPrevious, String title) {
    /** StatHat's embed size. */
    public static final int DEFAULT_WIDTH = 760;
    public static final int DEFAULT_HEIGHT = 235;
    public static final int MAX_TITLE = 120;

    public GraphSpec {
        checkSide("w", width, GraphRequest.MAX_WIDTH);
        checkSide("h", height, GraphRequest.MAX_HEIGHT);
        title = title == null ? "" : title.strip();
        if (title.length() > MAX_TITLE) {
            throw new InvalidInputException("title is " + title.length() + " characters; at most " + MAX_TITLE
                    + " are allowed");
        }
        if (title.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("title must not contain control characters");
        }
    }

    private static void checkSide(String name, int pixels, int max) {
        if (pixels < GraphRequest.MIN_SIDE || pixels > max) {
            throw new InvalidInputException(name + " must be between " + GraphRequest.MIN_SIDE + " and " + max
                    + " pixels, got " + pixels);
        }
    }
}
