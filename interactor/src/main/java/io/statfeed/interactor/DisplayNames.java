package io.statfeed.interactor;

import io.statfeed.core.model.InvalidInputException;

/** Names people give things (dashboards, access tokens): trimmed, 1 to a limit long, no control characters. */
public final class DisplayNames {
    private static final int MAX_SHOWN = 60;

    private DisplayNames() {
    }

    /**
     * The name stripped of surrounding white space, or an InvalidInputException whose message
     * starts with {@code what}. Length is counted in UTF-16 units, as the embedded database
     * counts it, so a name that passes fits the column on every backend.
     */
    public static String checked(String what, String name, int maxLength) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(what + " is missing");
        }
        String stripped = name.strip();
        for (int i = 0; i < stripped.length(); i++) {
            if (Character.isISOControl(stripped.charAt(i))) {
                throw new InvalidInputException(what + " may not contain control characters: " + shown(stripped));
            }
        }
        if (stripped.length() > maxLength) {
            throw new InvalidInputException(what + " is " + stripped.length() + " characters long; at most "
                    + maxLength + " are allowed");
        }
        return stripped;
    }

    private static String shown(String name) {
        String cut = name.length() > MAX_SHOWN ? name.substring(0, MAX_SHOWN) + "..." : name;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
