package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.storage.AlertStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of a stat as its page shows them: each alert, the latest transitions, and the spans
 * of a window during which any alert was firing, which its graph shades.
 */
public final class StatAlerts {
    /** Transitions listed on the stat's page; the alert's own page has more. */
    public static final int RECENT_SHOWN = 10;

    private final ListAlerts list;
    private final AlertStore alerts;

    public StatAlerts(ListAlerts list, AlertStore alerts) {
        this.list = list;
        this.alerts = alerts;
    }

    /** A stretch of time (unix seconds) an alert was firing; {@code to} is the window's end when it still is. */
    public record FiringSpan(long alertId, long from, long to) {
    }

    public record Alerts(List<AlertView> alerts, List<AlertEvent> recent, List<FiringSpan> firing) {
        public static final Alerts NONE = new Alerts(List.of(), List.of(), List.of());

        public Alerts {
            alerts = List.copyOf(alerts);
            recent = List.copyOf(recent);
            firing = List.copyOf(firing);
        }
    }

    /** The stat's alerts over the window [fromSeconds, toSeconds); only for its own account. */
    public Alerts of(long accountId, Stat stat, long fromSeconds, long toSeconds) {
        List<AlertView> views = list.onStat(accountId, stat);
        if (views.isEmpty()) {
            return Alerts.NONE;
        }
        List<AlertEvent> events = alerts.statEvents(stat.id(), 0);
        List<AlertEvent> recent = new ArrayList<>(events.subList(Math.max(0, events.size() - RECENT_SHOWN), events.size()));
        java.util.Collections.reverse(recent);
        return new Alerts(views, recent, spans(events, fromSeconds, toSeconds));
    }

    private static List<FiringSpan> spans(List<AlertEvent> oldestFirst, long from, long to) {
        Map<Long, Long> firingSince = new HashMap<>();
        List<FiringSpan> spans = new ArrayList<>();
        for (AlertEvent event : oldestFirst) {
            long at = event.atMillis() / 1000;
            if (event.state() == AlertState.FIRING) {
                firingSince.putIfAbsent(event.alertId(), at);
            } else {
                Long since = firingSince.remove(event.alertId());
                if (since != null && at > from && since < to) {
                    spans.add(new FiringSpan(event.alertId(), Math.max(since, from), Math.min(at, to)));
                }
            }
        }
        firingSince.forEach((alertId, since) -> {
            if (since < to) {
                spans.add(new FiringSpan(alertId, Math.max(since, from), to));
            }
        });
        return spans;
    }
}
