package io.statfeed.appservers.graph;

import io.statfeed.core.model.InvalidInputException;

/**
 * Checks a {@link GraphRequest} before any drawing, so that a bad one is refused with a message
 * that names the field and the limit rather than failing somewhere inside the chart library.
 */
final class GraphRequestCheck {
    /** A year of minute points and some: more than any stored time frame can hold. */
    static final int MAX_POINTS_PER_LINE = 600_000;
    static final int MAX_TITLE_LENGTH = 300;
    /** Stat names are at most 255 characters; a label may add a short suffix such as a period. */
    static final int MAX_LABEL_LENGTH = 300;
    /** 9999-12-31T23:59:59Z: past it, the axis's milliseconds and date labels stop making sense. */
    static final long MAX_TIME = 253_402_300_799L;

    private GraphRequestCheck() {
    }

    static void check(GraphRequest request) {
        if (request == null) {
            throw new InvalidInputException("a graph request is required");
        }
        require(request.style() != null, "style is required (one of fill, line, mini, spark)");
        require(request.format() != null, "format is required (png or svg)");
        requireSide("width", request.width(), GraphRequest.MAX_WIDTH);
        requireSide("height", request.height(), GraphRequest.MAX_HEIGHT);
        require(request.windowEnd() > request.windowStart(),
                "windowEnd must be after windowStart, got " + request.windowStart() + " to " + request.windowEnd());
        require(request.windowStart() >= 0 && request.windowEnd() <= MAX_TIME,
                "the window must lie between 0 and " + MAX_TIME + " (unix seconds), got " + request.windowStart()
                        + " to " + request.windowEnd());
        require(request.title() == null || request.title().length() <= MAX_TITLE_LENGTH,
                "title must be at most " + MAX_TITLE_LENGTH + " characters");
        require(request.lines().size() <= GraphRequest.MAX_LINES,
                "at most " + GraphRequest.MAX_LINES + " lines fit in one graph, got " + request.lines().size());
        for (int n = 0; n < request.lines().size(); n++) {
            checkLine(n, request.lines().get(n));
        }
        require(request.marks().size() <= GraphRequest.MAX_MARKS,
                "at most " + GraphRequest.MAX_MARKS + " marks fit in one graph, got " + request.marks().size());
        for (int n = 0; n < request.marks().size(); n++) {
            checkMark(n, request.marks().get(n));
        }
    }

    private static void checkMark(int n, GraphRequest.Mark mark) {
        String which = "mark " + (n + 1);
        require(mark != null, which + " is missing");
        require(mark.label() != null, which + ": label is required");
        require(mark.label().codePointCount(0, mark.label().length()) <= GraphRequest.Mark.MAX_LABEL,
                which + ": label must be at most " + GraphRequest.Mark.MAX_LABEL + " characters");
        require(mark.label().codePoints().noneMatch(Character::isISOControl),
                which + ": label must not contain control characters");
        require(mark.time() >= 0 && mark.time() <= MAX_TIME,
                which + ": time must lie between 0 and " + MAX_TIME + " (unix seconds), got " + mark.time());
    }

    private static void checkLine(int n, GraphRequest.Line line) {
        String which = "line " + (n + 1);
        require(line != null, which + " is missing");
        require(line.role() != null, which + ": role is required (current or previous)");
        require(line.label() == null || line.label().length() <= MAX_LABEL_LENGTH,
                which + ": label must be at most " + MAX_LABEL_LENGTH + " characters");
        require(line.times() != null && line.values() != null, which + ": times and values are required");
        require(line.times().length == line.values().length, which + ": times and values must be the same length, got "
                + line.times().length + " times and " + line.values().length + " values");
        require(line.times().length <= MAX_POINTS_PER_LINE,
                which + ": at most " + MAX_POINTS_PER_LINE + " points per line, got " + line.times().length);
        for (int i = 0; i < line.values().length; i++) {
            if (!Double.isFinite(line.values()[i])) {
                throw new InvalidInputException(which + ": value " + (i + 1) + " is not a finite number");
            }
            if (i > 0 && line.times()[i] < line.times()[i - 1]) {
                throw new InvalidInputException(which + ": times must be in ascending order, but time " + (i + 1)
                        + " (" + line.times()[i] + ") comes before " + line.times()[i - 1]);
            }
        }
    }

    private static void requireSide(String name, int value, int max) {
        require(value >= GraphRequest.MIN_SIDE && value <= max,
                name + " must be between " + GraphRequest.MIN_SIDE + " and " + max + " pixels, got " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
