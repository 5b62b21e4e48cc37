package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.feeds.AnnotateStat;
import io.statfeed.interactor.feeds.AtomFeeds;
import io.statfeed.interactor.feeds.DeleteActivity;
import io.statfeed.interactor.feeds.DeleteAnnotation;
import io.statfeed.interactor.feeds.FeedPage;
import io.statfeed.interactor.feeds.FollowObject;
import io.statfeed.interactor.feeds.Notifications;
import io.statfeed.interactor.feeds.PageRequest;
import io.statfeed.interactor.feeds.ReadTimeline;
import io.statfeed.interactor.session.SignedIn;
import io.statfeed.presenters.feeds.AtomPresenter;
import io.statfeed.presenters.feeds.FeedPagePresenter;
import io.statfeed.presenters.json.FeedJson;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.live.LiveStream;
import io.statfeed.webapp.session.SessionCookies;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The feeds from the pages: the timeline (live through {@code /feed/events}), notifications, a
 * person's page, follow buttons, annotations on stats, and the private Atom address, which feed
 * readers open without a session: its secret is the authority.
 */
public final class FeedRoutes {
    public static final String ATOM_CONTENT_TYPE = "application/atom+xml;charset=utf-8";

    /** The use cases the pages call. */
    public record UseCases(ReadTimeline read, FollowObject follow, AnnotateStat annotate, DeleteAnnotation deleteAnnotation,
                           DeleteActivity deleteActivity, Notifications notifications, AtomFeeds atom, PersonNames people) {
    }

    /** A person's shown name by id, if there is such a person. */
    public interface PersonNames {
        Optional<String> nameOf(long userId);
    }

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final UseCases uses;
    private final LiveStream live;
    private final FeedPagePresenter presenter;
    private final Clock clock;

    public FeedRoutes(PageSupport pages, SessionCookies cookies, UseCases uses, LiveStream live,
                      FeedPagePresenter presenter, Clock clock) {
        this.pages = pages;
        this.cookies = cookies;
        this.uses = uses;
        this.live = live;
        this.presenter = presenter;
        this.clock = clock;
    }

    public void addTo(Javalin app) {
        app.get("/feed", this::timeline);
        app.get("/feed.json", this::timeline);
        app.sse("/feed/events", client -> {
            Visitor visitor = pages.visitor(client.ctx()).orElseThrow(() -> new UnauthorizedException("log in first"));
            live.open(client, visitor, pages.links(client.ctx()), lastEventId(client.ctx()));
        });
        app.post("/feed/atom", this::renewAtom);
        app.get("/feeds/{token}/atom", this::atom);
        app.get("/notifications", this::notifications);
        app.post("/notifications/mark", this::mark);
        app.get("/people/{id}", this::person);
        app.post("/follows", this::follow);
        app.post("/stats/{id}/annotations", this::annotate);
        app.post("/annotations/{id}/delete", this::deleteAnnotation);
    }

    /** What a reconnecting EventSource says it saw last; anything unreadable means nothing. */
    public static long lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        return header == null ? 0L : Requests.id(header.strip()).orElse(0L);
    }

    private void timeline(Context ctx) {
        SignedIn signedIn = pages.require(ctx);
        FeedPage page = uses.read().timeline(signedIn.visitor(), pageRequest(ctx));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, FeedJson.page(page, pages.links(ctx)));
            return;
        }
        Responses.html(ctx, presenter.timeline(page, null, uses.atom().hasAddress(signedIn.visitor().userId()),
                clock.millis(), pages.chrome(ctx, "feed")));
    }

    private void renewAtom(Context ctx) {
        SignedIn signedIn = pages.require(ctx);
        String secret = uses.atom().renew(signedIn.visitor().userId());
        FeedPage page = uses.read().timeline(signedIn.visitor(), PageRequest.first(PageRequest.DEFAULT_LIMIT));
        ctx.header("Cache-Control", "no-store"); // the page shows a secret
        Responses.html(ctx, presenter.timeline(page, pages.links(ctx).base() + "/feeds/" + secret + "/atom", true,
                clock.millis(), pages.chrome(ctx, "feed")));
    }

    private void atom(Context ctx) {
        String token = Requests.path(ctx, "token");
        FeedPage page = uses.atom().open(token);
        ctx.status(200).contentType(ATOM_CONTENT_TYPE).header("Cache-Control", "private, no-cache")
                .result(AtomPresenter.atom(page, "Statfeed", pages.links(ctx).base() + ctx.path(), clock.millis(),
                        pages.links(ctx)));
    }

    /** Opening the page sees what it shows; reading is marked by the buttons (or by following a link). */
    private void notifications(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        Notifications.View view = uses.notifications().view(visitor);
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, FeedJson.notifications(view, today(), pages.links(ctx)));
            return;
        }
        String html = presenter.notifications(view, clock.millis(), pages.chrome(ctx, "notifications"));
        uses.notifications().mark(visitor, Optional.empty(), false);
        Responses.html(ctx, html);
    }

    private void mark(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        boolean read = Requests.form(ctx, "read").map(v -> onOff("read", v)).orElse(true);
        uses.notifications().mark(visitor, Requests.form(ctx, "group").filter(g -> !g.isBlank()), read);
        cookies.notice(ctx, read ? "Marked read." : "Marked seen.");
        Responses.seeOther(ctx, "/notifications");
    }

    private void person(Context ctx) {
        Visitor reader = pages.require(ctx).visitor(); // before the lookup: nobody signed out learns which ids exist
        long userId = Requests.pathId(ctx, "id", "person");
        String name = uses.people().nameOf(userId).orElseThrow(() -> new NotFoundException("no person with id " + userId));
        FeedPage page = uses.read().objectFeed(reader, "user", Long.toString(userId), pageRequest(ctx));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, FeedJson.page(page, pages.links(ctx)));
            return;
        }
        Responses.html(ctx, presenter.person(userId, name, reader.userId() == userId,
                uses.follow().isFollowing(reader, FeedKey.user(userId)), page, clock.millis(), pages.chrome(ctx, "feed")));
    }

    /** The form says the state it wants, so posting it twice does not flip it back. */
    private void follow(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        String type = Requests.requiredForm(ctx, "type", "stat, dashboard or user");
        String id = Requests.requiredForm(ctx, "id", "the id of what to follow");
        boolean following = onOff(Requests.requiredForm(ctx, "following", "on or off"));
        FeedKey feed = io.statfeed.interactor.feeds.FollowTargets.named(type, id);
        if (following) {
            uses.follow().follow(visitor, type, id);
            cookies.notice(ctx, "Following. Its recent activity is in your feed.");
        } else {
            if (uses.follow().isFollowing(visitor, feed)) {
                uses.follow().unfollow(visitor, type, id);
            }
            cookies.notice(ctx, "No longer following.");
        }
        Responses.seeOther(ctx, switch (feed.type()) {
            case STAT -> "/stats/" + feed.id();
            case DASHBOARD -> "/dashboards/" + feed.id();
            case USER, ACCOUNT -> "/people/" + feed.id();
        });
    }

    private void annotate(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        String statId = Negotiation.pathId(ctx, "id");
        uses.annotate().annotate(visitor, statId, Requests.form(ctx, "text").orElse(null), Requests.form(ctx, "time"));
        cookies.notice(ctx, "Annotation added.");
        Responses.seeOther(ctx, "/stats/" + Requests.id(statId).orElseThrow() + "#annotations");
    }

    private void deleteAnnotation(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        uses.deleteAnnotation().delete(visitor, Requests.path(ctx, "id"));
        cookies.notice(ctx, "Annotation deleted.");
        String back = Requests.form(ctx, "stat").flatMap(Requests::id).map(id -> "/stats/" + id + "#annotations")
                .orElse("/feed");
        Responses.seeOther(ctx, back);
    }

    static PageRequest pageRequest(Context ctx) {
        return PageRequest.parse(Requests.query(ctx, "limit"), Requests.query(ctx, "id_lt"));
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean onOff(String value) {
        return onOff("following", value);
    }

    static boolean onOff(String field, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new InvalidInputException(field + " must be on or off, got " + Requests.shown(value));
        };
    }
}
