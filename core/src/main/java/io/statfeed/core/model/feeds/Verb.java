package io.statfeed.core.model.feeds;

import java.util.Locale;

/** What happened. Notifications aggregate the verbs that ask for someone's attention. */
public enum Verb {
    STAT_CREATED(false),
    ALERT_FIRED(true),
    ALERT_RESOLVED(true),
    ANOMALY_DETECTED(true),
    ANNOTATION_ADDED(true),
    DAILY_SUMMARY(false),
    DASHBOARD_SHARED(true),
    MILESTONE(true);

    private final boolean notifies;

    Verb(boolean notifies) {
        this.notifies = notifies;
    }

    public boolean notifies() {
        return notifies;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verb fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
