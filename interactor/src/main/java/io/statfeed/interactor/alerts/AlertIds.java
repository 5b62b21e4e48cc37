package io.statfeed.interactor.alerts;

import io.statfeed.interactor.NotFoundException;
import java.util.regex.Pattern;

/** Alert ids as they arrive in URLs; anything that is not one of the account's is simply not found. */
final class AlertIds {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private AlertIds() {
    }

    static long parse(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw notFound(id);
        }
        return Long.parseLong(id);
    }

    static NotFoundException notFound(String id) {
        String shown = id == null ? "(none)" : id.length() > 40 ? id.substring(0, 40) + "..." : id;
        return new NotFoundException("no alert with id '" + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
