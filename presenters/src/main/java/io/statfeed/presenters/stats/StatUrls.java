package io.statfeed.presenters.stats;

import io.statfeed.interactor.stats.ViewStat.StatPage;
import io.statfeed.presenters.Links;

/**
 * Where a stat page's parts live, relative to the site. Its owner and visitors of a public stat
 * use {@code /stats/ID}; someone who came through a share link stays on {@code /s/TOKEN} and
 * the embed images, since the stat's own addresses would not open for them.
 */
record StatUrls(String page, String json, String png, String csv) {
    static StatUrls of(StatPage page) {
        String frame = Links.encode(page.window().key());
        if (!throughShareLink(page)) {
            String base = "/stats/" + page.stat().id();
            return new StatUrls(base + "?tf=", base + ".json?tf=" + frame, base + "/graph.png?tf=" + frame + "&prev=1" + PageGraph.size(),
                    base + "/data.csv?tf=" + frame);
        }
        String key = Links.encode(page.embedKey().get());
        return new StatUrls("/s/" + key + "?tf=", "/s/" + key + ".json?tf=" + frame,
                "/embed/graph.png?s1=" + key + "&tf=" + frame + PageGraph.size(), null);
    }

    /** Whether the visitor came through a share link and may use none of the stat's own addresses. */
    static boolean throughShareLink(StatPage page) {
        return !page.owned() && !page.stat().isPublic() && page.embedKey().isPresent();
    }
}
