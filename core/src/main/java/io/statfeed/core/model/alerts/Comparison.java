package io.statfeed.core.model.alerts;

import java.util.Arrays;
import java.util.Optional;

/** How an alert compares; the API names are StatHat's ({@code operator=greater than}). */
public enum Comparison {
    GREATER("greater than"),
    LESS("less than"),
    /** Delta alerts only: a change of at least the percentage either way. */
    DIFFERENT("different than");

    private final String apiName;

    Comparison(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Takes StatHat's words, and the single word too ({@code greater}), in any case. */
    public static Optional<Comparison> fromApiName(String name) {
        String wanted = name.strip().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.apiName.equals(wanted) || c.name().toLowerCase(java.util.Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
