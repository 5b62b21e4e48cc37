package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.storage.StatStore;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An account's alerts, all of them, those on one stat, or one with its history. */
public final class ListAlerts {
    /** Events of one alert shown on its page. */
    public static final int HISTORY_SHOWN = 50;
    private static final int FAILURES_SHOWN = 10;

    private final AlertStore alerts;
    private final OutboxStore outbox;
    private final StatStore stats;

    public ListAlerts(AlertStore alerts, OutboxStore outbox, StatStore stats) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.stats = stats;
    }

    public List<AlertView> all(long accountId) {
        Map<Long, Stat> byId = stats.allLive(accountId).stream().collect(Collectors.toMap(Stat::id, Function.identity()));
        return alerts.list(accountId).stream().filter(alert -> byId.containsKey(alert.statId()))
                .map(alert -> new AlertView(alert, byId.get(alert.statId()), List.of(), List.of())).toList();
    }

    /** The stats an alert may be set on: the account's live ones. */
    public List<Stat> stats(long accountId) {
        return stats.allLive(accountId);
    }

    /** One of the account's live stats, or not found. */
    public Stat stat(long accountId, long statId) {
        return stats.findLiveById(accountId, statId).orElseThrow(() ->
                new io.statfeed.interactor.NotFoundException("no stat with id " + statId));
    }

    public List<AlertView> onStat(long accountId, Stat stat) {
        return alerts.listForStat(accountId, stat.id()).stream()
                .map(alert -> new AlertView(alert, stat, List.of(), List.of())).toList();
    }

    public AlertView one(long accountId, String id) {
        Alert alert = alerts.find(accountId, AlertIds.parse(id)).orElseThrow(() -> AlertIds.notFound(id));
        Stat stat = stats.findLiveById(accountId, alert.statId()).orElseThrow(() -> AlertIds.notFound(id));
        return new AlertView(alert, stat, alerts.events(alert.id(), HISTORY_SHOWN), outbox.failures(alert.id(),
                FAILURES_SHOWN));
    }
}
