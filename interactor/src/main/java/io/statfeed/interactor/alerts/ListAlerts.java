package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Account;
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

    public List<AlertView> all(Account account) {
        Map<Long, Stat> byId = stats.allLive(account.id()).stream().collect(Collectors.toMap(Stat::id, Function.identity()));
        return alerts.list(account.id()).stream().filter(alert -> byId.containsKey(alert.statId()))
                .map(alert -> new AlertView(alert, byId.get(alert.statId()), List.of(), List.of())).toList();
    }

    public List<AlertView> onStat(Account account, Stat stat) {
        return alerts.listForStat(account.id(), stat.id()).stream()
                .map(alert -> new AlertView(alert, stat, List.of(), List.of())).toList();
    }

    public AlertView one(Account account, String id) {
        Alert alert = alerts.find(account.id(), AlertIds.parse(id)).orElseThrow(() -> AlertIds.notFound(id));
        Stat stat = stats.findLiveById(account.id(), alert.statId()).orElseThrow(() -> AlertIds.notFound(id));
        return new AlertView(alert, stat, alerts.events(alert.id(), HISTORY_SHOWN), outbox.failures(alert.id(),
                FAILURES_SHOWN));
    }
}
