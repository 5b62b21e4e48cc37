package io.statfeed.interactor.feeds;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.AlertKind;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.core.model.feeds.FeedKey;
import io.statfeed.core.model.feeds.Payload;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.AlertStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns what happened into activities, each with its foreign id and the feeds it goes to: the
 * stat's (or dashboard's), the actor's when a person did it, and always the account's, which its
 * members read. Every source of activities publishes through here.
 */
public final class PublishActivity {
    /** An activity ready to publish, with its feeds. */
    public record Prepared(Activity activity, List<FeedKey> feeds) {
    }

    private final ActivityStore activities;
    private final AccountStore accounts;
    private final Clock clock;

    public PublishActivity(ActivityStore activities, AccountStore accounts, Clock clock) {
        this.activities = activities;
        this.accounts = accounts;
        this.clock = clock;
    }

    public ActivityStore.Published publish(Prepared prepared) {
        return activities.publish(prepared.activity(), prepared.feeds(), clock.millis());
    }

    public static String annotationForeignId(long annotationId) {
        return "annotation:" + annotationId;
    }

    public Prepared annotationAdded(Annotation annotation, String statName) {
        String actor = actorName(annotation.authorId());
        Activity activity = new Activity(Ids.next(), annotationForeignId(annotation.id()), annotation.accountId(),
                Optional.of(annotation.authorId()), Verb.ANNOTATION_ADDED, new Activity.ObjectRef("annotation", annotation.id()),
                Optional.of(Activity.ObjectRef.stat(annotation.statId())), Optional.of(annotation.statId()),
                annotation.createdAtMillis(), Payload.of("actor", actor, "stat", statName, "text", annotation.text(),
                        "at", Long.toString(annotation.atMillis() / 1000)));
        return new Prepared(activity, List.of(FeedKey.stat(annotation.statId()), FeedKey.user(annotation.authorId()),
                FeedKey.account(annotation.accountId())));
    }

    public Prepared statCreated(Stat stat) {
        Activity activity = new Activity(Ids.next(), "stat:" + stat.id() + ":created", stat.accountId(), Optional.empty(),
                Verb.STAT_CREATED, Activity.ObjectRef.stat(stat.id()), Optional.empty(), Optional.of(stat.id()),
                stat.createdAtMillis(), Payload.of("stat", stat.name(), "kind", stat.counter() ? "counter" : "value"));
        return new Prepared(activity, List.of(FeedKey.stat(stat.id()), FeedKey.account(stat.accountId())));
    }

    /** An alert that fired (an anomaly, for anomaly alerts) or resolved. */
    public Prepared alertTransition(AlertStore.Transition transition) {
        var event = transition.event();
        Verb verb = event.state() != AlertState.FIRING ? Verb.ALERT_RESOLVED
                : transition.kind() == AlertKind.ANOMALY ? Verb.ANOMALY_DETECTED : Verb.ALERT_FIRED;
        Payload payload = event.observed().isPresent()
                ? Payload.of("stat", transition.statName(), "message", event.message(),
                        "value", java.math.BigDecimal.valueOf(event.observed().getAsDouble()).stripTrailingZeros().toPlainString())
                : Payload.of("stat", transition.statName(), "message", event.message());
        Activity activity = new Activity(Ids.next(), "alert-event:" + event.id(), transition.accountId(), Optional.empty(),
                verb, new Activity.ObjectRef("alert", event.alertId()), Optional.of(Activity.ObjectRef.stat(event.statId())),
                Optional.of(event.statId()), event.atMillis(), payload);
        return new Prepared(activity, List.of(FeedKey.stat(event.statId()), FeedKey.account(transition.accountId())));
    }

    public Prepared dashboardShared(long accountId, long actorId, long dashboardId, String dashboardName, long atMillis) {
        Activity activity = new Activity(Ids.next(), "dashboard:" + dashboardId + ":shared", accountId, Optional.of(actorId),
                Verb.DASHBOARD_SHARED, new Activity.ObjectRef("dashboard", dashboardId), Optional.empty(), Optional.empty(),
                atMillis, Payload.of("actor", actorName(actorId), "dashboard", dashboardName));
        return new Prepared(activity, List.of(FeedKey.dashboard(dashboardId), FeedKey.user(actorId),
                FeedKey.account(accountId)));
    }

    /** A stat's milestone: its best day yet, or a round total crossed; {@code key} names it once per stat. */
    public Prepared milestone(Stat stat, String key, String what, long atMillis) {
        Activity activity = new Activity(Ids.next(), "stat:" + stat.id() + ":milestone:" + key, stat.accountId(),
                Optional.empty(), Verb.MILESTONE, Activity.ObjectRef.stat(stat.id()), Optional.empty(), Optional.of(stat.id()),
                atMillis, Payload.of("stat", stat.name(), "what", what));
        return new Prepared(activity, List.of(FeedKey.stat(stat.id()), FeedKey.account(stat.accountId())));
    }

    /** A stat's day in numbers: {@code day} is its date (yyyy-mm-dd, UTC), once per stat and day. */
    public Prepared dailySummary(Stat stat, String day, String summary, long atMillis) {
        Activity activity = new Activity(Ids.next(), "stat:" + stat.id() + ":day:" + day, stat.accountId(),
                Optional.empty(), Verb.DAILY_SUMMARY, Activity.ObjectRef.stat(stat.id()), Optional.empty(),
                Optional.of(stat.id()), atMillis, Payload.of("stat", stat.name(), "day", day, "summary", summary));
        return new Prepared(activity, List.of(FeedKey.stat(stat.id()), FeedKey.account(stat.accountId())));
    }

    private String actorName(long userId) {
        return accounts.findUserById(userId).map(user -> People.displayName(user.email())).orElse("someone");
    }
}
