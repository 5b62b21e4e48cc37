package io.statfeed.presenters.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.interactor.feeds.FeedPage;
import io.statfeed.interactor.feeds.Notifications;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.feeds.ActivityText;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Feeds as JSON: {@code {"activities": [...], "next": "ID" or null}}, notifications with their
 * counts, and one activity as a live event carries it. Ids are strings, as everywhere in the API:
 * they pass 2^53, past what JavaScript numbers hold exactly.
 */
public final class FeedJson {
    /** Activities shown per notification group. */
    static final int GROUP_SHOWN = 5;

    private FeedJson() {
    }

    public static String page(FeedPage page, Links links) {
        return Json.write(new PageJson(page.activities().stream().map(a -> activity(a, links)).toList(),
                page.next().map(String::valueOf).orElse(null)));
    }

    public static String event(Activity activity, Links links) {
        return Json.write(activity(activity, links));
    }

    public static String notifications(Notifications.View view, LocalDate today, Links links) {
        return Json.write(new NotificationsJson(view.unseen(), view.unread(), view.groups().stream()
                .map(g -> new GroupJson(g.key(), g.newest().verb().code(), g.activities().size(),
                        ActivityText.groupSummary(g, today), g.seen(), g.read(),
                        g.activities().stream().limit(GROUP_SHOWN).map(a -> activity(a, links)).toList()))
                .toList()));
    }

    public static String followed(String type, long id, boolean following) {
        return Json.write(new FollowJson(type, Long.toString(id), following));
    }

    public static String created(long id) {
        return Json.write(Map.of("id", Long.toString(id)));
    }

    static ActivityJson activity(Activity a, Links links) {
        return new ActivityJson(Long.toString(a.id()), a.verb().code(),
                a.actorId().map(id -> new ActorJson(Long.toString(id), a.payload().get("actor").orElse(null))).orElse(null),
                new RefJson(a.object().type(), Long.toString(a.object().id())),
                a.target().map(t -> new RefJson(t.type(), Long.toString(t.id()))).orElse(null),
                a.occurredAtMillis() / 1000, a.foreignId(), a.payload().fields(), ActivityText.summary(a),
                links.base() + ActivityText.path(a));
    }

    record PageJson(List<ActivityJson> activities, String next) {
    }

    record ActivityJson(String id, String verb, ActorJson actor, RefJson object, RefJson target, long time,
                        @JsonProperty("foreign_id") String foreignId, Map<String, String> payload, String summary,
                        String url) {
    }

    record ActorJson(String id, String name) {
    }

    record RefJson(String type, String id) {
    }

    record NotificationsJson(int unseen, int unread, List<GroupJson> groups) {
    }

    record GroupJson(String group, String verb, int count, String summary, boolean seen, boolean read,
                     List<ActivityJson> activities) {
    }

    record FollowJson(String type, String id, boolean following) {
    }
}
