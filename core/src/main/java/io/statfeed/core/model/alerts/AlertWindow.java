package io.statfeed.core.model.alerts;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The windows an alert may look over, as StatHat offered them; a month is 30 days, a year 365. */
public enum AlertWindow {
    FIVE_MINUTES("5m", 300),
    HOUR("1h", 3_600),
    THREE_HOURS("3h", 3 * 3_600),
    DAY("1d", 86_400),
    WEEK("1w", 7 * 86_400),
    MONTH("1M", 30 * 86_400),
    YEAR("1y", 365 * 86_400);

    private final String apiName;
    private final long seconds;

    AlertWindow(String apiName, long seconds) {
        this.apiName = apiName;
        this.seconds = seconds;
    }

    public String apiName() {
        return apiName;
    }

    public long seconds() {
        return seconds;
    }

    public static Optional<AlertWindow> fromApiName(String name) {
        return Arrays.stream(values()).filter(w -> w.apiName.equals(name.strip())).findFirst();
    }

    public static Optional<AlertWindow> ofSeconds(long seconds) {
        return Arrays.stream(values()).filter(w -> w.seconds == seconds).findFirst();
    }

    /** "5m, 1h, 3h, 1d, 1w, 1M or 1y", for messages. */
    public static String choices() {
        String all = Arrays.stream(values()).map(AlertWindow::apiName).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
