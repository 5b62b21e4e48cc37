package io.statfeed.presenters.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.model.feeds.Verb;
import io.statfeed.interactor.feeds.Notifications;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** How an activity, or a group of notifications, reads in one line, and where it links to. */
public final class ActivityText {
    private ActivityText() {
    }

    public static String summary(Activity a) {
        String stat = field(a, "stat");
        return switch (a.verb()) {
            case STAT_CREATED -> "New stat " + stat;
            case ALERT_FIRED -> stat + " fired an alert: " + field(a, "message");
            case ALERT_RESOLVED -> stat + " is back to normal: " + field(a, "message");
            case ANOMALY_DETECTED -> "Anomaly on " + stat + ": " + field(a, "message");
            case ANNOTATION_ADDED -> field(a, "actor") + " annotated " + stat + ": \u201c" + field(a, "text") + "\u201d";
            case DASHBOARD_SHARED -> field(a, "actor") + " shared the dashboard " + field(a, "dashboard");
            case MILESTONE -> stat + ": " + field(a, "what");
            case DAILY_SUMMARY -> stat + " on " + field(a, "day") + ": " + field(a, "summary");
        };
    }

    /** "checkout errors fired 5 alerts today". */
    public static String groupSummary(Notifications.Group group, LocalDate today) {
        Activity newest = group.newest();
        int n = group.activities().size();
        String stat = field(newest, "stat");
        String day = day(newest, today);
        if (n == 1) {
            return summary(newest) + " (" + day + ")";
        }
        return switch (newest.verb()) {
            case ALERT_FIRED -> stat + " fired " + n + " alerts " + day;
            case ALERT_RESOLVED -> stat + " recovered " + n + " times " + day;
            case ANOMALY_DETECTED -> stat + " had " + n + " anomalies " + day;
            case ANNOTATION_ADDED -> n + " annotations on " + stat + " " + day;
            case DASHBOARD_SHARED -> n + " dashboards shared " + day;
            case MILESTONE -> stat + " reached " + n + " milestones " + day;
            case STAT_CREATED, DAILY_SUMMARY -> n + " " + newest.verb().code().replace('_', ' ') + " " + day;
        };
    }

    /** The page an activity is about, as a path. */
    public static String path(Activity a) {
        if (a.statId().isPresent()) {
            return "/stats/" + a.statId().get();
        }
        if (a.verb() == Verb.DASHBOARD_SHARED) {
            return "/dashboards/" + a.object().id();
        }
        return a.actorId().map(id -> "/people/" + id).orElse("/feed");
    }

    private static String day(Activity a, LocalDate today) {
        LocalDate day = Instant.ofEpochMilli(a.occurredAtMillis()).atOffset(ZoneOffset.UTC).toLocalDate();
        if (day.equals(today)) {
            return "today";
        }
        return day.equals(today.minusDays(1)) ? "yesterday" : "on " + day;
    }

    private static String field(Activity a, String name) {
        return a.payload().get(name).orElse("?");
    }
}
