package io.statfeed.presenters.stats;

import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.interactor.alerts.AlertView;
import io.statfeed.interactor.alerts.StatAlerts;
import io.statfeed.presenters.Formats;
import java.util.List;

/** The alerts section of a stat's page: its alerts and their latest transitions. */
record StatAlertsView(List<Row> alerts, List<Event> recent, int firing) {
    record Row(String url, String condition, String state, boolean firing, boolean muted) {
    }

    record Event(String time, String state, boolean firing, String message) {
    }

    static StatAlertsView of(StatAlerts.Alerts alerts) {
        List<Row> rows = alerts.alerts().stream().map(StatAlertsView::row).toList();
        return new StatAlertsView(rows, alerts.recent().stream().map(e -> new Event(Formats.time(e.atMillis() / 1000),
                        e.state().apiName(), e.state() == AlertState.FIRING, e.message())).toList(),
                (int) rows.stream().filter(Row::firing).count());
    }

    private static Row row(AlertView view) {
        boolean firing = view.alert().status().state() == AlertState.FIRING;
        return new Row("/alerts/" + view.alert().id(), view.condition(), view.alert().status().state().apiName(), firing,
                view.alert().muted());
    }
}
