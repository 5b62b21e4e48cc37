package io.statfeed.core.model.feeds;

import io.statfeed.core.model.InvalidInputException;
import java.util.Locale;

/** The kinds of object that have a feed of their own. People follow the first three; members follow their account. */
public enum FeedType {
    STAT, DASHBOARD, USER, ACCOUNT;

    /** How the type is written in URLs, JSON and the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeedType fromCode(String code) {
        for (FeedType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a feed type: " + code);
    }

    /** A type a person may follow, as named in a request; anything else names the field and the choices. */
    public static FeedType followable(String field, String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidInputException(field + " is missing: one of stat, dashboard, user");
        }
        for (FeedType type : new FeedType[] {STAT, DASHBOARD, USER}) {
            if (type.code().equals(given.strip().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        String shown = given.length() > 20 ? given.substring(0, 20) + "..." : given;
        throw new InvalidInputException(field + " '" + shown.replaceAll("\\p{Cntrl}", "?")
                + "' is not one of stat, dashboard, user");
    }
}
