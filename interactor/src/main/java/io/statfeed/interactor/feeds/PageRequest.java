package io.statfeed.interactor.feeds;

import io.statfeed.core.model.InvalidInputException;
import java.util.Optional;

/**
 * Which page of a feed is asked for: up to {@code limit} activities with ids below
 * {@code idBelow}. Paging by id, not offset, is what keeps pages free of gaps and repeats while
 * new activities arrive on top.
 */
public record PageRequest(long idBelow, int limit) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    public static PageRequest first(int limit) {
        return new PageRequest(Long.MAX_VALUE, limit);
    }

    /** From the query's {@code limit} and {@code id_lt}, as given (either may be absent). */
    public static PageRequest parse(Optional<String> limit, Optional<String> idLt) {
        int size = limit.map(text -> parseLimit(text.strip())).orElse(DEFAULT_LIMIT);
        long below = idLt.map(text -> parseId(text.strip())).orElse(Long.MAX_VALUE);
        return new PageRequest(below, size);
    }

    private static int parseLimit(String text) {
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw new InvalidInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                    + shown(text) + "'");
        }
        return Integer.parseInt(text);
    }

    private static long parseId(String text) {
        if (!text.matches("[0-9]{1,19}")) {
            throw new InvalidInputException("id_lt must be an activity id (digits), got '" + shown(text) + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id_lt must be an activity id (digits), got '" + shown(text) + "'");
        }
    }

    static String shown(String text) {
        String cut = text.length() > 30 ? text.substring(0, 30) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
