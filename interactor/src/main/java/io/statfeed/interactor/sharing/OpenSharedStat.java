package io.statfeed.interactor.sharing;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.NotFoundException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anyone, signed in or not, opens a stat by an embed key (from an embed, an image URL or a share
 * link): a share link's token opens its stat, public or private; a stat id opens the stat only if
 * it is public. A private stat is never reachable without its token.
 */
public final class OpenSharedStat {
    /** Tokens are 24 characters; anything far longer cannot be one and is not even looked up. */
    static final int MAX_KEY_LENGTH = 64;
    private static final Pattern STAT_ID = Pattern.compile("[0-9]{1,19}");
    /** Share tokens are URL-safe base64 ({@code Secrets.newKey}); nothing else is looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    /** What a visitor may see of a shared stat: enough to draw it, none of the owner's keys. */
    public record SharedStat(long id, String name, boolean counter, boolean isPublic) {
        static SharedStat of(Stat stat) {
            return new SharedStat(stat.id(), stat.name(), stat.counter(), stat.isPublic());
        }
    }

    private final StatStore stats;

    public OpenSharedStat(StatStore stats) {
        this.stats = stats;
    }

    /** @throws NotFoundException for anything that opens no live stat; the message does not echo the key */
    public SharedStat open(String embedKey) {
        return SharedStat.of(openStat(embedKey));
    }

    /** The stat itself, for other use cases that draw or analyse it; never handed to a presenter whole. */
    public Stat openStat(String embedKey) {
        if (embedKey == null || embedKey.length() > MAX_KEY_LENGTH || !TOKEN.matcher(embedKey).matches()) {
            throw nothingShared();
        }
        return stats.findLiveByShareToken(embedKey)
                .or(() -> publicById(embedKey))
                .orElseThrow(OpenSharedStat::nothingShared);
    }

    private Optional<Stat> publicById(String embedKey) {
        if (!STAT_ID.matcher(embedKey).matches()) {
            return Optional.empty();
        }
        try {
            return stats.findLivePublic(Long.parseLong(embedKey));
        } catch (NumberFormatException e) { // 19 digits beyond Long.MAX_VALUE
            return Optional.empty();
        }
    }

    private static NotFoundException nothingShared() {
        return new NotFoundException("no shared stat for that key");
    }
}
