package io.statfeed.core.model.alerts;

import java.util.Arrays;
import java.util.Optional;

/** What an alert watches, named as StatHat's alerts API names it. */
public enum AlertKind {
    /** The window's total (counters) or mean (values) past a threshold. */
    VALUE("value"),
    /** The window's percent change against the same window earlier. */
    DELTA("delta"),
    /** No data at all within the window. */
    DATA("data"),
    /** The window's value outside the band usual for that time of the week. */
    ANOMALY("anomaly");

    private final String apiName;

    AlertKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<AlertKind> fromApiName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.apiName.equals(name)).findFirst();
    }
}
