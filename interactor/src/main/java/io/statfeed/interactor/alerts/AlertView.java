package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.storage.OutboxStore;
import java.util.List;

/** An alert with its stat and, when asked for one alert, its history and failed deliveries. */
public record AlertView(Alert alert, Stat stat, List<AlertEvent> history, List<OutboxStore.Failure> failures) {
    public AlertView {
        history = List.copyOf(history);
        failures = List.copyOf(failures);
    }

    public String condition() {
        return alert.rule().describe(stat.counter());
    }
}
