package io.statfeed.webapp.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.feeds.FeedPage;
import io.statfeed.interactor.feeds.FollowTargets;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.presenters.json.FeedJson;
import io.statfeed.webapp.http.JsonBodies;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.live.LiveStream;
import io.statfeed.webapp.pages.FeedRoutes;
import io.statfeed.webapp.pages.PageSupport;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The feeds over the JSON API, as the person whose access token it is: making a stat public,
 * annotations, follows, the timeline and any object's feed, notifications, and the live stream.
 */
public final class FeedApiRoutes {
    private final FeedRoutes.UseCases uses;
    private final MakeStatPublic makePublic;
    private final LiveStream live;
    private final PageSupport pages;
    private final Clock clock;

    public FeedApiRoutes(FeedRoutes.UseCases uses, MakeStatPublic makePublic, LiveStream live, PageSupport pages,
                         Clock clock) {
        this.uses = uses;
        this.makePublic = makePublic;
        this.live = live;
        this.pages = pages;
        this.clock = clock;
    }

    public void addTo(Javalin app) {
        String api = ApiCallers.PREFIX;
        app.patch(api + "stats/{id}", this::changeStat);
        app.post(api + "stats/{id}/annotations", this::annotate);
        app.delete(api + "annotations/{id}", this::deleteAnnotation);
        app.delete(api + "activities/{id}", ctx -> {
            uses.deleteActivity().delete(ApiCallers.visitorOf(ctx), Requests.path(ctx, "id"));
            ctx.status(204);
        });
        app.post(api + "follows", this::follow);
        app.delete(api + "follows/{type}/{id}", this::unfollow);
        app.get(api + "feed", ctx -> page(ctx, uses.read().timeline(ApiCallers.visitorOf(ctx), pageRequest(ctx))));
        app.get(api + "feeds/{type}/{id}", ctx -> page(ctx, uses.read().objectFeed(ApiCallers.visitorOf(ctx),
                Requests.path(ctx, "type"), Requests.path(ctx, "id"), pageRequest(ctx))));
        app.get(api + "notifications", ctx -> notifications(ctx, ApiCallers.visitorOf(ctx)));
        app.post(api + "notifications/mark", this::mark);
        app.sse(api + "feed/events", client -> live.open(client, ApiCallers.visitorOf(client.ctx()), pages.links(client.ctx()),
                FeedRoutes.lastEventId(client.ctx())));
    }

    private void changeStat(Context ctx) {
        Visitor visitor = ApiCallers.visitorOf(ctx);
        long statId = Requests.pathId(ctx, "id", "stat");
        JsonNode body = JsonBodies.object(ctx, "{\"public\": true}");
        JsonNode isPublic = body.get("public");
        if (isPublic == null || isPublic.isNull()) {
            throw new InvalidInputException("public is missing: send {\"public\": true} or {\"public\": false}");
        }
        if (!isPublic.isBoolean()) {
            throw new InvalidInputException("public must be true or false");
        }
        makePublic.makePublic(visitor, statId, isPublic.booleanValue());
        Responses.json(ctx, 200, io.statfeed.presenters.json.Json.write(
                new StatChanged(Long.toString(statId), isPublic.booleanValue())));
    }

    private record StatChanged(String id, @com.fasterxml.jackson.annotation.JsonProperty("public") boolean isPublic) {
    }

    private void annotate(Context ctx) {
        Visitor visitor = ApiCallers.visitorOf(ctx);
        Map<String, String> fields = JsonBodies.fields(ctx, "{\"text\": \"deployed v2\"}");
        Annotation annotation = uses.annotate().annotate(visitor, Requests.path(ctx, "id"), fields.get("text"),
                Optional.ofNullable(fields.get("time")));
        Responses.json(ctx, 201, FeedJson.created(annotation.id()));
    }

    private void deleteAnnotation(Context ctx) {
        uses.deleteAnnotation().delete(ApiCallers.visitorOf(ctx), Requests.path(ctx, "id"));
        ctx.status(204);
    }

    private void follow(Context ctx) {
        Visitor visitor = ApiCallers.visitorOf(ctx);
        Map<String, String> fields = JsonBodies.fields(ctx, "{\"type\": \"stat\", \"id\": \"123\"}");
        boolean created = uses.follow().follow(visitor, fields.get("type"), fields.get("id"));
        var feed = FollowTargets.named(fields.get("type"), fields.get("id"));
        Responses.json(ctx, created ? 201 : 200, FeedJson.followed(feed.type().code(), feed.id(), true));
    }

    private void unfollow(Context ctx) {
        uses.follow().unfollow(ApiCallers.visitorOf(ctx), Requests.path(ctx, "type"), Requests.path(ctx, "id"));
        ctx.status(204);
    }

    private void mark(Context ctx) {
        Visitor visitor = ApiCallers.visitorOf(ctx);
        Map<String, String> fields = ctx.contentLength() <= 0 ? Map.of() : JsonBodies.fields(ctx, "{\"group\": \"...\", \"read\": true}");
        boolean read = Optional.ofNullable(fields.get("read")).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("read must be true or false");
        }).orElse(true);
        uses.notifications().mark(visitor, Optional.ofNullable(fields.get("group")), read);
        notifications(ctx, visitor);
    }

    private void notifications(Context ctx, Visitor visitor) {
        Responses.json(ctx, 200, FeedJson.notifications(uses.notifications().view(visitor),
                clock.instant().atOffset(ZoneOffset.UTC).toLocalDate(), pages.links(ctx)));
    }

    private void page(Context ctx, FeedPage page) {
        Responses.json(ctx, 200, FeedJson.page(page, pages.links(ctx)));
    }

    private static io.statfeed.interactor.feeds.PageRequest pageRequest(Context ctx) {
        return io.statfeed.interactor.feeds.PageRequest.parse(Requests.query(ctx, "limit"), Requests.query(ctx, "id_lt"));
    }
}
