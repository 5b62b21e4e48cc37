package io.statfeed.presenters.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.interactor.feeds.FeedPage;
import io.statfeed.interactor.feeds.Notifications;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The feed pages: a person's timeline ({@code feed.html}, which the live stream keeps adding to),
 * their notifications ({@code notifications.html}) and a person's own feed ({@code person.html}).
 */
public final class FeedPagePresenter {
    private final Templates templates;

    public FeedPagePresenter(Templates templates) {
        this.templates = templates;
    }

    public record Item(String id, String verb, String summary, String url, String time, String ago, String text) {
    }

    public record TimelineView(String title, List<Item> items, String olderUrl, String atomUrl, boolean atomShown) {
    }

    public record GroupItem(String key, String summary, String url, boolean seen, boolean read, String ago) {
    }

    public record NotificationsView(List<GroupItem> groups, int unseen, int unread) {
    }

    public record PersonView(String id, String name, boolean self, boolean following, List<Item> items,
                             String olderUrl) {
    }

    /** @param atomUrl the Atom address just made (shown once), or null */
    public String timeline(FeedPage page, String atomUrl, boolean hasAtomAddress, long nowMillis, Chrome chrome) {
        return templates.render("feed", Map.of("chrome", chrome, "page", new TimelineView("Feed",
                items(page, nowMillis), older("/feed", page), atomUrl, hasAtomAddress)));
    }

    public String notifications(Notifications.View view, long nowMillis, Chrome chrome) {
        LocalDate today = Instant.ofEpochMilli(nowMillis).atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        return templates.render("notifications", Map.of("chrome", chrome, "page", new NotificationsView(
                view.groups().stream().map(g -> new GroupItem(g.key(), ActivityText.groupSummary(g, today),
                        ActivityText.path(g.newest()), g.seen(), g.read(),
                        Formats.ago(Math.max(0, (nowMillis - g.newest().occurredAtMillis()) / 1000)))).toList(),
                view.unseen(), view.unread())));
    }

    public String person(long userId, String name, boolean self, boolean following, FeedPage page, long nowMillis,
                         Chrome chrome) {
        return templates.render("person", Map.of("chrome", chrome, "page", new PersonView(Long.toString(userId), name,
                self, following, items(page, nowMillis), older("/people/" + userId, page))));
    }

    /** One activity as the timeline shows it: what the live stream's script builds the same way. */
    public static List<Item> items(FeedPage page, long nowMillis) {
        return page.activities().stream().map(a -> item(a, nowMillis)).toList();
    }

    private static Item item(Activity a, long nowMillis) {
        return new Item(Long.toString(a.id()), a.verb().code(), ActivityText.summary(a), ActivityText.path(a),
                Formats.time(a.occurredAtMillis() / 1000), Formats.ago(Math.max(0, (nowMillis - a.occurredAtMillis()) / 1000)),
                a.payload().get("text").orElse(null));
    }

    private static String older(String path, FeedPage page) {
        return page.next().map(id -> path + "?id_lt=" + id).orElse(null);
    }
}
