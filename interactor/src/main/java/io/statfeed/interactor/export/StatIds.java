package io.statfeed.interactor.export;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import java.util.regex.Pattern;

/** Stat ids as they arrive in URLs: text that names a live stat of the account, or nothing at all. */
final class StatIds {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final int MAX_SHOWN = 40;

    private StatIds() {
    }

    /** The live stat of the account with that id; anything else, including text that is no number, is not found. */
    static Stat liveStat(StatStore stats, long accountId, String id) {
        long statId = parse(id);
        return stats.findLiveById(accountId, statId).orElseThrow(() -> notFound(id));
    }

    static long parse(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw notFound(id);
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) { // 19 digits beyond Long.MAX_VALUE
            throw notFound(id);
        }
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("no stat with id " + shown(id));
    }

    private static String shown(String id) {
        if (id == null) {
            return "(none)";
        }
        String cut = id.length() > MAX_SHOWN ? id.substring(0, MAX_SHOWN) + "..." : id;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
