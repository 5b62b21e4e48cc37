package io.statfeed.interactor.sharing;

import io.statfeed.core.model.Secrets;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;

/**
 * A person creates a share link for one of their stats: whoever has the link may view and embed
 * that stat, even while it is private. Creating a new link revokes the old one.
 */
public final class CreateShareLink {
    /** The secret of a stat's share link; the web app builds the URL around it. */
    public record ShareLink(long statId, String token) {
    }

    private final StatStore stats;

    public CreateShareLink(StatStore stats) {
        this.stats = stats;
    }

    public ShareLink create(Visitor visitor, long statId) {
        String token = Secrets.newKey(Secrets.SHARE_TOKEN_BYTES);
        if (!stats.setShareToken(visitor.accountId(), statId, token)) {
            throw OwnStats.notFound(statId);
        }
        return new ShareLink(statId, token);
    }
}
