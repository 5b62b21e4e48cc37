package io.statfeed.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stat names as StatHat defines them: 1 to 255 characters, any but '~', which instead asks for
 * several stats at once: {@code "name~a,b"} posts to {@code "name a"} and {@code "name b"}.
 */
public final class StatNames {
    public static final int MAX_LENGTH = 255;
    public static final char MULTI_STAT_SEPARATOR = '~';
    /** One request names at most this many stats through '~', so a short name cannot fan out without end. */
    public static final int MAX_FAN_OUT = 20;

    private StatNames() {
    }

    /** The stat names one posted name stands for, each checked. */
    public static List<String> expand(String posted) {
        if (posted == null || posted.isBlank()) {
            throw new InvalidInputException("stat name is missing");
        }
        int tilde = posted.indexOf(MULTI_STAT_SEPARATOR);
        if (tilde < 0) {
            return List.of(checked(posted.strip()));
        }
        if (posted.indexOf(MULTI_STAT_SEPARATOR, tilde + 1) >= 0) {
            throw new InvalidInputException("stat name may hold one '~' at most: " + quoted(posted));
        }
        String base = posted.substring(0, tilde).strip();
        Set<String> names = new LinkedHashSet<>();
        for (String suffix : posted.substring(tilde + 1).split(",")) {
            String trimmed = suffix.strip();
            if (!trimmed.isEmpty()) {
                names.add(checked(base.isEmpty() ? trimmed : base + " " + trimmed));
            }
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("stat name " + quoted(posted) + " has no names after '~'");
        }
        if (names.size() > MAX_FAN_OUT) {
            throw new InvalidInputException("stat name " + quoted(posted) + " fans out to " + names.size()
                    + " stats; at most " + MAX_FAN_OUT + " are allowed");
        }
        return new ArrayList<>(names);
    }

    /** A single name, stripped of surrounding white space, or an exception saying why it is not one. */
    public static String checked(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInputException("stat name is empty");
        }
        // Every name passes here on the ingest path: one plain loop, no streams.
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == MULTI_STAT_SEPARATOR) {
                throw new InvalidInputException("stat name may not contain '~': " + quoted(stripped));
            }
            if (Character.isISOControl(c)) {
                throw new InvalidInputException("stat name may not contain control characters: " + quoted(stripped));
            }
        }
        if (stripped.length() > MAX_LENGTH) {
            int length = stripped.codePointCount(0, stripped.length());
            if (length > MAX_LENGTH) {
                throw new InvalidInputException("stat name is " + length + " characters long; at most " + MAX_LENGTH
                        + " are allowed");
            }
        }
        return stripped;
    }

    private static String quoted(String name) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
