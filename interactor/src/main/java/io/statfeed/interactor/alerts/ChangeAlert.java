package io.statfeed.interactor.alerts;

import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.AlertStore;
import java.util.Map;

/** Someone edits an alert's condition or channels, mutes or unmutes it, or deletes it. */
public final class ChangeAlert {
    private final AlertStore alerts;
    private final ListAlerts list;
    private final AlertFields.WebhookCheck webhooks;
    private final ActivityStore activities;

    public ChangeAlert(AlertStore alerts, ListAlerts list, AlertFields.WebhookCheck webhooks, ActivityStore activities) {
        this.alerts = alerts;
        this.list = list;
        this.webhooks = webhooks;
        this.activities = activities;
    }

    public AlertView edit(long accountId, String id, Map<String, String> fields) {
        AlertView before = list.one(accountId, id);
        AlertRule rule = new AlertFields(fields).rule(webhooks);
        alerts.changeRule(accountId, before.alert().id(), rule);
        return list.one(accountId, id);
    }

    public AlertView mute(long accountId, String id, boolean muted) {
        AlertView before = list.one(accountId, id);
        alerts.mute(accountId, before.alert().id(), muted);
        return list.one(accountId, id);
    }

    /** The id of the alert deleted. */
    public long delete(long accountId, String id) {
        long alertId = AlertIds.parse(id);
        if (!alerts.delete(accountId, alertId)) {
            throw AlertIds.notFound(id);
        }
        activities.deleteAboutObject(new Activity.ObjectRef("alert", alertId)); // its transitions leave the feeds
        return alertId;
    }
}
