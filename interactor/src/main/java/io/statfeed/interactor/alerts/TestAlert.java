package io.statfeed.interactor.alerts;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import java.time.Clock;
import java.util.List;

/**
 * Someone checks that an alert's mail and webhook reach them: a message marked as a test goes
 * through the same outbox and channels, and the alert's state and history are left alone.
 */
public final class TestAlert {
    private final ListAlerts list;
    private final AlertMessages messages;
    private final OutboxStore outbox;
    private final Clock clock;

    public TestAlert(ListAlerts list, AlertMessages messages, OutboxStore outbox, Clock clock) {
        this.list = list;
        this.messages = messages;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** How many messages were queued (a mail per recipient, and the webhook call). */
    public int test(long accountId, String id) {
        AlertView view = list.one(accountId, id);
        AlertEvent test = new AlertEvent(Ids.next(), view.alert().id(), view.stat().id(), clock.millis(),
                AlertState.FIRING, false, view.alert().status().lastValue(),
                view.stat().name() + ": a test of this alert (" + view.condition() + "); nothing has happened");
        List<OutboxMessage> queued = messages.of(new AlertStore.Watched(view.alert(), view.stat().counter(),
                view.stat().name()), test, view.condition(), true);
        outbox.enqueue(queued);
        return queued.size();
    }
}
