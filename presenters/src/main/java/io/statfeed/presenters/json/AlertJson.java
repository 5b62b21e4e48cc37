package io.statfeed.presenters.json;

import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.AlertWindow;
import io.statfeed.interactor.alerts.AlertView;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts in the shapes of StatHat's alerts API: ids as strings, {@code kind}, {@code time_window},
 * and for each kind only the fields it uses ({@code operator} and {@code threshold} for value
 * alerts; {@code operator}, {@code percentage} and {@code time_delta} for delta alerts). Statfeed's
 * additions follow: state, muted, recovery threshold, renotify, channels and the condition in words.
 */
public final class AlertJson {
    private AlertJson() {
    }

    public static String list(List<AlertView> alerts) {
        return Json.write(alerts.stream().map(AlertJson::fields).toList());
    }

    public static String one(AlertView alert) {
        Map<String, Object> fields = fields(alert);
        fields.put("history", alert.history().stream().map(event -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", event.atMillis() / 1000);
            e.put("state", event.state().apiName());
            e.put("renotify", event.renotify());
            e.put("value", event.observed().isPresent() ? Json.number(event.observed().getAsDouble()) : null);
            e.put("message", event.message());
            return e;
        }).toList());
        fields.put("delivery_failures", alert.failures().stream().map(failure -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("recipient", failure.recipient());
            f.put("attempts", failure.attempts());
            f.put("error", failure.error());
            f.put("given_up", failure.givenUp());
            return f;
        }).toList());
        return Json.write(fields);
    }

    /** StatHat's answer to a delete, in its words. */
    public static String deleted() {
        return Json.write(Map.of("msg", "alert deleted."));
    }

    private static Map<String, Object> fields(AlertView view) {
        AlertRule rule = view.alert().rule();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", Long.toString(view.alert().id()));
        fields.put("stat_id", Long.toString(view.stat().id()));
        fields.put("stat_name", view.stat().name());
        fields.put("kind", rule.kind().apiName());
        fields.put("time_window", rule.window().apiName());
        switch (rule.kind()) {
            case VALUE -> {
                fields.put("operator", rule.comparison().apiName());
                fields.put("threshold", Json.number(rule.threshold().getAsDouble()));
                rule.recoveryThreshold().ifPresent(back -> fields.put("recovery_threshold", Json.number(back)));
            }
            case DELTA -> {
                fields.put("operator", rule.comparison().apiName());
                fields.put("percentage", Json.number(rule.percentage().getAsDouble()));
                fields.put("time_delta", durationName(rule.delta()));
            }
            case ANOMALY -> fields.put("operator", rule.comparison().apiName());
            case DATA -> {
            }
        }
        fields.put("condition", view.condition());
        fields.put("state", view.alert().status().state().apiName());
        fields.put("state_since", view.alert().status().sinceMillis() / 1000);
        fields.put("muted", view.alert().muted());
        view.alert().status().lastValue().ifPresent(value -> fields.put("last_value", Json.number(value)));
        rule.renotify().ifPresent(every -> fields.put("renotify", every.toMinutes() + "m"));
        rule.email().ifPresent(email -> fields.put("email", email));
        rule.webhookUrl().ifPresent(url -> fields.put("webhook_url", url));
        return fields;
    }

    private static String durationName(Duration delta) {
        return AlertWindow.ofSeconds(delta.toSeconds()).map(AlertWindow::apiName).orElse(delta.toMinutes() + "m");
    }
}
