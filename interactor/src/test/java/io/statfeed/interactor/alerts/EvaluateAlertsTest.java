package io.statfeed.interactor.alerts;

import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Account;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvaluateAlertsTest {
    /** The last whole minute at World's NOW_SECONDS (1,700,000,000 is 20 s into a minute). */
    private static final long MINUTE = 1_699_999_980L - 60;
    private static final long WEEK = 7 * 86_400;

    @TempDir
    Path dataDir;

    private static final class Alerts implements AutoCloseable {
        final World world;
        final AlertStore store;
        final OutboxStore outbox;
        final EvaluateAlerts evaluate;
        final CreateAlert create;
        final Visitor owner;
        final Account account;

        Alerts(Backend backend, Path dataDir) {
            world = new World(backend, dataDir);
            store = new AlertStore(world.database);
            outbox = new OutboxStore(world.database);
            evaluate = new EvaluateAlerts(store, world.buckets, world.appServices.analysis(),
                    new AlertMessages(world.accounts), world.clock);
            create = new CreateAlert(store, world.stats, url -> { }, world.clock);
            owner = world.newVisitor();
            account = world.accounts.findById(owner.accountId()).orElseThrow();
        }

        long alert(Stat stat, String... fields) {
            Map<String, String> all = new HashMap<>();
            all.put("stat_id", String.valueOf(stat.id()));
            for (int i = 0; i < fields.length; i += 2) {
                all.put(fields[i], fields[i + 1]);
            }
            return create.create(account.id(), all).alert().id();
        }

        List<AlertEvent> history(long alertId) {
            List<AlertEvent> newestFirst = new java.util.ArrayList<>(store.events(alertId, 100));
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }

        /** What a sender takes from the outbox now, marked delivered. */
        List<OutboxMessage> sent() {
            List<OutboxMessage> due = outbox.due(world.clock.millis(), 1_000);
            due.forEach(message -> {
                assertTrue(outbox.claim(message, world.clock.millis(), world.clock.millis() + 60_000).isPresent());
                outbox.delivered(message.id(), world.clock.millis());
            });
            return due;
        }

        /** The start of the last whole minute at the clock's time. */
        long lastMinute() {
            return Math.floorDiv(world.clock.millis() / 1000, 60) * 60 - 60;
        }

        void minutes(int count) {
            world.clock.advance(Duration.ofMinutes(count));
        }

        @Override
        public void close() {
            world.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_value_alert_fires_once_stays_quiet_while_firing_and_tells_once_when_it_resolves(Backend backend) {
        try (Alerts alerts = new Alerts(backend, dataDir)) {
            Stat errors = alerts.world.counter(alerts.owner, "errors");
            long id = alerts.alert(errors, "kind", "value", "time_window", "5m", "operator", "greater than",
                    "threshold", "10");
            alerts.world.store(errors, Resolution.MINUTE, bucket(MINUTE, 6), bucket(MINUTE - 60, 5));

            EvaluateAlerts.Cycle first = alerts.evaluate.run();
            EvaluateAlerts.Cycle again = alerts.evaluate.run();

            assertEquals(1, first.transitions());
            assertEquals(0, again.transitions(), "still firing: nothing new to tell");
            List<OutboxMessage> told = alerts.sent();
            assertEquals(1, told.size());
            assertEquals("user1@example.com", told.get(0).recipient());
            assertTrue(told.get(0).payload().contains("\"state\":\"firing\""), told.get(0).payload());
            assertTrue(told.get(0).payload().contains("\"value\":11.0"), told.get(0).payload());

            alerts.minutes(6); // the window moves past the errors
            assertEquals(1, alerts.evaluate.run().transitions());
            List<AlertEvent> history = alerts.history(id);
            assertEquals(List.of(AlertState.FIRING, AlertState.OK), history.stream().map(AlertEvent::state).toList());
            assertEquals("errors: total over 5m greater than 10 — is 11", history.get(0).message());
            assertEquals("errors: back to normal — is 0", history.get(1).message());
            List<OutboxMessage> resolved = alerts.sent();
            assertEquals(1, resolved.size());
            assertTrue(resolved.get(0).payload().contains("\"state\":\"ok\""));
        }
    }

    @Test
    void a_value_hovering_at_the_line_does_not_flap_with_a_recovery_threshold() {
        try (Alerts alerts = new Alerts(Backend.EMBEDDED, dataDir)) {
            Stat latency = alerts.world.value(alerts.owner, "latency");
            long id = alerts.alert(latency, "kind", "value", "time_window", "5m", "operator", "greater than",
                    "threshold", "100", "recovery_threshold", "80");
            double[] hovering = {120, 95, 101, 99, 102, 79, 85};
            for (double value : hovering) {
                alerts.world.store(latency, Resolution.MINUTE, bucket(alerts.lastMinute(), value));
                alerts.evaluate.run();
                alerts.minutes(5);
            }
            assertEquals(List.of(AlertState.FIRING, AlertState.OK),
                    alerts.history(id).stream().map(AlertEvent::state).toList(),
                    "fires at 120, stays firing down to 95 and back over 100, is ok at 79 and stays ok at 85");
        }
    }

    @Test
    void a_firing_alert_with_a_renotify_interval_reminds_at_that_interval_only() {
        try (Alerts alerts = new Alerts(Backend.EMBEDDED, dataDir)) {
            Stat queue = alerts.world.value(alerts.owner, "queue depth");
            long id = alerts.alert(queue, "kind", "value", "time_window", "5m", "operator", "greater than",
                    "threshold", "1000", "renotify", "30m");
            for (int minute = 0; minute < 70; minute++) {
                alerts.world.store(queue, Resolution.MINUTE, bucket(alerts.lastMinute(), 5_000));
                alerts.evaluate.run();
                alerts.minutes(1);
            }
            List<AlertEvent> history = alerts.history(id);
            assertEquals(List.of(false, true, true), history.stream().map(AlertEvent::renotify).toList());
            assertEquals(Duration.ofMinutes(30).toMillis(), history.get(1).atMillis() - history.get(0).atMillis());
            assertTrue(history.get(1).message().startsWith("queue depth: still firing"), history.get(1).message());
            assertEquals(3, alerts.sent().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_data_alert_fires_when_a_window_passes_without_data(Backend backend) {
        try (Alerts alerts = new Alerts(backend, dataDir)) {
            Stat heartbeat = alerts.world.counter(alerts.owner, "heartbeat");
            long id = alerts.alert(heartbeat, "kind", "data", "time_window", "1h");
            alerts.world.store(heartbeat, Resolution.MINUTE, bucket(MINUTE - 30 * 60, 1));
            assertEquals(0, alerts.evaluate.run().transitions(), "a point 30 minutes ago is within the hour");
            alerts.minutes(31);
            assertEquals(1, alerts.evaluate.run().transitions());
            assertEquals(AlertState.FIRING, alerts.store.find(alerts.account.id(), id).orElseThrow().status().state());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_delta_alert_compares_the_window_with_the_same_window_a_day_earlier(Backend backend) {
        try (Alerts alerts = new Alerts(backend, dataDir)) {
            Stat orders = alerts.world.counter(alerts.owner, "orders");
            long dropped = alerts.alert(orders, "kind", "delta", "time_window", "1h", "operator", "less than",
                    "percentage", "50", "time_delta", "1d");
            long rose = alerts.alert(orders, "kind", "delta", "time_window", "1h", "operator", "greater than",
                    "percentage", "50", "time_delta", "1d");
            alerts.world.store(orders, Resolution.MINUTE, bucket(MINUTE - 86_400, 40), bucket(MINUTE, 10));

            assertEquals(1, alerts.evaluate.run().transitions());
            assertEquals("orders: total over 1h fell by more than 50% against 1d earlier — is 10 (-75% against 40)",
                    alerts.history(dropped).get(0).message());
            assertTrue(alerts.history(rose).isEmpty());

            Stat refunds = alerts.world.counter(alerts.owner, "refunds");
            long fromNothing = alerts.alert(refunds, "kind", "delta", "time_window", "1h", "operator", "different than",
                    "percentage", "50", "time_delta", "1d");
            alerts.world.store(refunds, Resolution.MINUTE, bucket(MINUTE, 5));
            assertEquals(0, alerts.evaluate.run().transitions(), "no change of any percentage from nothing");
            assertTrue(alerts.history(fromNothing).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_anomaly_alert_fires_outside_the_band_of_the_same_hour_in_earlier_weeks(Backend backend) {
        try (Alerts alerts = new Alerts(backend, dataDir)) {
            Stat signups = alerts.world.counter(alerts.owner, "signups");
            long id = alerts.alert(signups, "kind", "anomaly", "time_window", "1h");
            double[] usual = {100, 104, 97, 101};
            for (int week = 1; week <= usual.length; week++) {
                alerts.world.store(signups, Resolution.MINUTE, bucket(MINUTE - week * WEEK, usual[week - 1]));
            }
            alerts.world.store(signups, Resolution.MINUTE, bucket(MINUTE, 102));
            assertEquals(0, alerts.evaluate.run().transitions(), "102 is usual for this hour");

            alerts.world.store(signups, Resolution.MINUTE, bucket(MINUTE, 300));
            assertEquals(1, alerts.evaluate.run().transitions(), "402 is not");
            assertTrue(alerts.history(id).get(0).message().contains("is 402 (usually"),
                    alerts.history(id).get(0).message());
        }
    }

    @Test
    void a_transition_decided_twice_on_the_same_state_is_recorded_and_told_once() {
        try (Alerts alerts = new Alerts(Backend.EMBEDDED, dataDir)) {
            Stat errors = alerts.world.counter(alerts.owner, "errors");
            long id = alerts.alert(errors, "kind", "value", "time_window", "5m", "operator", "greater than",
                    "threshold", "0");
            alerts.world.store(errors, Resolution.MINUTE, bucket(MINUTE, 1));
            AlertStore.Watched before = alerts.store.watched().get(0);
            AlertEvent decided = new AlertEvent(1, id, errors.id(), alerts.world.clock.millis(), AlertState.FIRING,
                    false, java.util.OptionalDouble.of(1), "decided by another scheduler");
            assertTrue(alerts.store.record(before.alert(), decided, List.of()));

            assertEquals(0, alerts.evaluate.run().transitions(), "this evaluator sees the alert firing already");
            assertFalse(alerts.store.record(before.alert(), new AlertEvent(2, id, errors.id(),
                    alerts.world.clock.millis(), AlertState.FIRING, false, java.util.OptionalDouble.of(1), "late"),
                    List.of()), "decided on a state that is gone");
            assertEquals(1, alerts.history(id).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_cycle_reads_a_window_shared_by_many_alerts_in_one_query(Backend backend) {
        try (Alerts alerts = new Alerts(backend, dataDir)) {
            for (int i = 0; i < 200; i++) {
                Stat stat = alerts.world.counter(alerts.owner, "stat " + i);
                alerts.alert(stat, "kind", "value", "time_window", "5m", "operator", "greater than", "threshold", "5");
                alerts.world.store(stat, Resolution.MINUTE, bucket(MINUTE, i % 10));
            }
            EvaluateAlerts.Cycle cycle = alerts.evaluate.run();
            assertEquals(200, cycle.alerts());
            assertEquals(80, cycle.transitions(), "6, 7, 8 and 9 of every ten are over 5");
            assertEquals(3, cycle.queries(), "the alerts, one window of sums, the values written back");
        }
    }
}
