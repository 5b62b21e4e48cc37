package io.statfeed.core.model.reports;

import java.util.Arrays;
import java.util.Optional;

/** How often a person's report is mailed; {@link #OFF} is also what unsubscribing sets. */
public enum ReportFrequency {
    DAILY("daily"), WEEKLY("weekly"), OFF("off");

    private final String storedName;

    ReportFrequency(String storedName) {
        this.storedName = storedName;
    }

    /** As stored, and as forms and the API spell it. */
    public String storedName() {
        return storedName;
    }

    public static Optional<ReportFrequency> fromStoredName(String name) {
        return Arrays.stream(values()).filter(f -> f.storedName.equals(name)).findFirst();
    }
}
