package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertStatus;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.StatStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Someone sets an alert on one of their account's stats; it is judged from the next cycle on. */
public final class CreateAlert {
    /** More than this many alerts on one account is a script gone wrong, not a person's watch list. */
    public static final int MAX_ALERTS_PER_ACCOUNT = 10_000;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final AlertStore alerts;
    private final StatStore stats;
    private final AlertFields.WebhookCheck webhooks;
    private final Clock clock;

    public CreateAlert(AlertStore alerts, StatStore stats, AlertFields.WebhookCheck webhooks, Clock clock) {
        this.alerts = alerts;
        this.stats = stats;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public AlertView create(long accountId, Map<String, String> fields) {
        Stat stat = statOf(accountId, fields.get("stat_id"));
        var rule = new AlertFields(fields).rule(webhooks);
        if (alerts.count(accountId) >= MAX_ALERTS_PER_ACCOUNT) {
            throw new InvalidInputException("this account has " + MAX_ALERTS_PER_ACCOUNT + " alerts, the most it may have");
        }
        long now = clock.millis();
        Alert alert = new Alert(Ids.next(), accountId, stat.id(), rule, Secrets.newKey(Secrets.WEBHOOK_SECRET_BYTES), false, now,
                AlertStatus.newAt(now));
        alerts.create(alert);
        return new AlertView(alert, stat, List.of(), List.of());
    }

    private Stat statOf(long accountId, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("stat_id is required");
        }
        if (!DIGITS.matcher(id.strip()).matches()) {
            throw new InvalidInputException("stat_id must be the id of one of this account's stats, got '"
                    + (id.length() > 40 ? id.substring(0, 40) + "..." : id).replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return stats.findLiveById(accountId, Long.parseLong(id.strip())).orElseThrow(() ->
                new InvalidInputException("stat_id " + id.strip() + " is not a stat of this account"));
    }
}
