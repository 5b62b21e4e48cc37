package io.statfeed.interactor.stats;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.OpenSharedStat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may see which stat: its own account always, anyone else only when it is public or they hold
 * its share token. A stat nobody may see is "not found", so that its existence does not leak either.
 */
public final class StatAccess {
    /** Ids are positive longs, up to 19 digits (from 2031 on they all have 19). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final int MAX_SHOWN = 40;

    /** A stat the visitor may see, and whether it is theirs (to edit, share or add to dashboards). */
    public record Seen(Stat stat, boolean owned) {
    }

    private final StatStore stats;
    private final OpenSharedStat shared;

    public StatAccess(StatStore stats) {
        this.stats = stats;
        this.shared = new OpenSharedStat(stats);
    }

    /** A stat opened by an embed key: a share token (any stat) or the id of a public stat. */
    public Seen embedded(String embedKey) {
        return new Seen(shared.openStat(embedKey), false);
    }

    /** The share link's token of a stat the visitor owns, if it has one. */
    public Optional<String> shareToken(Seen seen) {
        return seen.owned() ? stats.shareToken(seen.stat().accountId(), seen.stat().id()) : Optional.empty();
    }

    public Seen visible(Optional<Visitor> visitor, String id) {
        long statId = parse(id);
        Optional<Stat> own = visitor.flatMap(v -> stats.findLiveById(v.accountId(), statId));
        if (own.isPresent()) {
            return new Seen(own.get(), true);
        }
        return new Seen(stats.findLivePublic(statId).orElseThrow(() -> notFound(id)), false);
    }

    /** One of the visitor's own stats: for changes, which nobody else may make. */
    public Stat owned(Visitor visitor, String id) {
        return stats.findLiveById(visitor.accountId(), parse(id)).orElseThrow(() -> notFound(id));
    }

    private static long parse(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw notFound(id);
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) { // 19 digits beyond Long.MAX_VALUE
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(String id) {
        String shown = id == null ? "(none)" : id.length() > MAX_SHOWN ? id.substring(0, MAX_SHOWN) + "..." : id;
        return new NotFoundException("no stat with id '" + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
