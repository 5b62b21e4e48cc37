package io.statfeed.interactor.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.AlertStore.Watched;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages an alert's event tells: a mail to each recipient and a webhook call, each with an
 * idempotency key made of the event's id, so the same event can never be queued or told as two.
 * The payload is the webhook's JSON body as it will be sent, and what a mail is composed from.
 */
public final class AlertMessages {
    static final ObjectMapper JSON = new ObjectMapper();

    private final AccountStore accounts;

    public AlertMessages(AccountStore accounts) {
        this.accounts = accounts;
    }

    List<OutboxMessage> of(Watched watched, AlertEvent event, String condition) {
        return of(watched, event, condition, false);
    }

    /** @param test a test of the channels: said so in the message, and in the payload for receivers */
    List<OutboxMessage> of(Watched watched, AlertEvent event, String condition, boolean test) {
        Alert alert = watched.alert();
        String payload = payload(watched, event, condition, test);
        List<OutboxMessage> messages = new ArrayList<>();
        List<String> recipients = alert.rule().email().map(List::of).orElseGet(() -> accounts.memberEmails(alert.accountId()));
        for (int i = 0; i < recipients.size(); i++) {
            messages.add(new OutboxMessage(Ids.next(), key(event, "mail", i), OutboxMessage.Channel.EMAIL, alert.id(),
                    recipients.get(i), payload, event.atMillis(), 0));
        }
        alert.rule().webhookUrl().ifPresent(url -> messages.add(new OutboxMessage(Ids.next(), key(event, "hook", 0),
                OutboxMessage.Channel.WEBHOOK, alert.id(), url, payload, event.atMillis(), 0)));
        return messages;
    }

    private static String key(AlertEvent event, String channel, int recipient) {
        return "alert-" + event.alertId() + "-" + event.id() + "-" + channel + "-" + recipient;
    }

    private static String payload(Watched watched, AlertEvent event, String condition, boolean test) {
        ObjectNode body = JSON.createObjectNode()
                .put("alert_id", String.valueOf(event.alertId()))
                .put("stat_id", String.valueOf(event.statId()))
                .put("stat_name", watched.statName())
                .put("state", event.state().apiName())
                .put("renotify", event.renotify())
                .put("test", test)
                .put("condition", condition)
                .put("message", event.message())
                .put("time", event.atMillis() / 1000);
        if (event.observed().isPresent()) {
            body.put("value", event.observed().getAsDouble());
        } else {
            body.putNull("value");
        }
        return body.toString();
    }
}
