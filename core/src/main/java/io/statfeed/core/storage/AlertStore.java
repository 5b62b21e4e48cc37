package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.ALERTS;
import static io.statfeed.core.storage.schema.Tables.ALERT_EVENTS;
import static io.statfeed.core.storage.schema.Tables.STATS;

import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertKind;
import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.alerts.AlertStatus;
import io.statfeed.core.model.alerts.AlertWindow;
import io.statfeed.core.model.alerts.Comparison;
import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.schema.tables.records.AlertEventsRecord;
import io.statfeed.core.storage.schema.tables.records.AlertsRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Alerts, their history, and the recording of transitions together with what they are to tell.
 * Reads and changes made for a person are scoped to an account: another account's alert reads as
 * absent. A transition is written with a conditional update on the alert's state version, in the
 * same transaction as its event and outbox messages, so it is recorded (and told) at most once
 * however many evaluators decided it, and never recorded without what it is to tell.
 */
public final class AlertStore {
    /** Longest history kept per alert on its page; older events stay in storage. */
    public static final int MAX_EVENTS_READ = 500;

    private final DSLContext dsl;

    public AlertStore(Database database) {
        this.dsl = database.dsl();
    }

    /** An alert to evaluate, with what the evaluator needs of its stat. */
    public record Watched(Alert alert, boolean counter, String statName) {
    }

    public void create(Alert alert) {
        AlertsRecord row = dsl.newRecord(ALERTS);
        row.setId(alert.id());
        row.setAccountId(alert.accountId());
        row.setStatId(alert.statId());
        row.setWebhookSecret(alert.webhookSecret());
        row.setMuted(alert.muted());
        row.setCreatedAt(alert.createdAtMillis());
        setRule(row, alert.rule());
        AlertStatus status = alert.status();
        row.setState(status.state().apiName());
        row.setStateSince(status.sinceMillis());
        row.setStateVersion(status.version());
        row.setLastEvaluatedAt(status.lastEvaluatedAtMillis());
        row.setLastNotifiedAt(status.lastNotifiedAtMillis());
        dsl.insertInto(ALERTS).set(row).execute(); // not row.insert(): MariaDB's dialect would use RETURNING
    }

    /** The account's alerts on live stats, oldest first. */
    public List<Alert> list(long accountId) {
        return dsl.select(ALERTS.fields()).from(ALERTS).join(STATS).on(STATS.ID.eq(ALERTS.STAT_ID))
                .where(ALERTS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(0L))
                .orderBy(ALERTS.ID).fetchInto(ALERTS).map(AlertStore::toAlert);
    }

    public int count(long accountId) {
        return dsl.fetchCount(ALERTS, ALERTS.ACCOUNT_ID.eq(accountId));
    }

    public List<Alert> listForStat(long accountId, long statId) {
        return dsl.selectFrom(ALERTS).where(ALERTS.ACCOUNT_ID.eq(accountId)).and(ALERTS.STAT_ID.eq(statId))
                .orderBy(ALERTS.ID).fetch(AlertStore::toAlert);
    }

    public Optional<Alert> find(long accountId, long alertId) {
        return dsl.selectFrom(ALERTS).where(ofAccount(accountId, alertId)).fetchOptional().map(AlertStore::toAlert);
    }

    /** Any account's alert, for the scheduler that tells its events. */
    public Optional<Alert> findById(long alertId) {
        return dsl.selectFrom(ALERTS).where(ALERTS.ID.eq(alertId)).fetchOptional().map(AlertStore::toAlert);
    }

    /** False if the account has no such alert. The state is kept: a changed rule is judged on the next cycle. */
    public boolean changeRule(long accountId, long alertId, AlertRule rule) {
        AlertsRecord row = dsl.newRecord(ALERTS);
        setRule(row, rule);
        row.changed(ALERTS.ID, false);
        return dsl.update(ALERTS).set(row).where(ofAccount(accountId, alertId)).execute() == 1;
    }

    public boolean mute(long accountId, long alertId, boolean muted) {
        return dsl.update(ALERTS).set(ALERTS.MUTED, muted).where(ofAccount(accountId, alertId)).execute() == 1;
    }

    /** Deletes the alert and its history; messages already queued are still sent. */
    public boolean delete(long accountId, long alertId) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            if (db.deleteFrom(ALERTS).where(ofAccount(accountId, alertId)).execute() != 1) {
                return false;
            }
            db.deleteFrom(ALERT_EVENTS).where(ALERT_EVENTS.ALERT_ID.eq(alertId)).execute();
            return true;
        });
    }

    /** Every alert the evaluator should look at: not muted, on a stat not in the trash. One query. */
    public List<Watched> watched() {
        return dsl.select(ALERTS.fields()).select(STATS.IS_COUNTER, STATS.NAME)
                .from(ALERTS).join(STATS).on(STATS.ID.eq(ALERTS.STAT_ID))
                .where(ALERTS.MUTED.isFalse()).and(STATS.DELETED_AT.eq(0L))
                .fetch(r -> new Watched(toAlert(r.into(ALERTS)), r.get(STATS.IS_COUNTER), r.get(STATS.NAME)));
    }

    /** What each alert's window showed on this cycle, for its page; batched, and not a transition. */
    public void recordValues(Collection<Alert> evaluated, long nowMillis) {
        if (evaluated.isEmpty()) {
            return;
        }
        Map<Long, Double> values = new LinkedHashMap<>();
        for (Alert alert : evaluated) {
            OptionalDouble value = alert.status().lastValue();
            values.put(alert.id(), value.isPresent() ? value.getAsDouble() : null);
        }
        KeyedUpdate.setEach(dsl, ALERTS, ALERTS.ID, ALERTS.LAST_VALUE, values, DSL.trueCondition(),
                Map.of(ALERTS.LAST_EVALUATED_AT, nowMillis));
    }

    /**
     * Records a transition (or a reminder) decided on {@code decidedOn}, with its event and the
     * messages it tells, if the alert is still as it was decided on; false if another evaluator
     * recorded something first (then nothing is written). A rollback (a deadlock, a Galera
     * certification conflict with an evaluator on another node) or a broken connection runs it
     * again: the conditional update on the state version makes that safe, since an attempt that
     * did commit leaves a version the next attempt no longer matches.
     */
    public boolean record(Alert decidedOn, AlertEvent event, List<OutboxMessage> messages) {
        return Retries.onConflictOrLostConnection(() -> dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            AlertStatus before = decidedOn.status();
            var update = db.update(ALERTS)
                    .set(ALERTS.LAST_NOTIFIED_AT, event.atMillis())
                    .set(ALERTS.LAST_VALUE, event.observed().isPresent() ? event.observed().getAsDouble() : null);
            if (!event.renotify()) {
                update = update.set(ALERTS.STATE, event.state().apiName())
                        .set(ALERTS.STATE_SINCE, event.atMillis())
                        .set(ALERTS.STATE_VERSION, before.version() + 1);
            }
            int changed = update.where(ALERTS.ID.eq(decidedOn.id()))
                    .and(ALERTS.STATE_VERSION.eq(before.version()))
                    .and(ALERTS.LAST_NOTIFIED_AT.eq(before.lastNotifiedAtMillis()))
                    .execute();
            if (changed != 1) {
                return false;
            }
            AlertEventsRecord row = db.newRecord(ALERT_EVENTS);
            row.setId(event.id());
            row.setAlertId(event.alertId());
            row.setStatId(event.statId());
            row.setHappenedAt(event.atMillis());
            row.setState(event.state().apiName());
            row.setRenotify(event.renotify());
            row.setObserved(event.observed().isPresent() ? event.observed().getAsDouble() : null);
            row.setMessage(event.message());
            db.insertInto(ALERT_EVENTS).set(row).execute();
            OutboxStore.enqueue(db, messages);
            return true;
        }));
    }

    /** The alert's history, newest first. */
    public List<AlertEvent> events(long alertId, int limit) {
        return dsl.selectFrom(ALERT_EVENTS).where(ALERT_EVENTS.ALERT_ID.eq(alertId))
                .orderBy(ALERT_EVENTS.HAPPENED_AT.desc(), ALERT_EVENTS.ID.desc())
                .limit(Math.min(limit, MAX_EVENTS_READ)).fetch(AlertStore::toEvent);
    }

    /**
     * The latest transitions (at most {@link #MAX_EVENTS_READ}) of every alert on a stat since a
     * time, oldest first: its graph shades the firing spans, its page lists the latest.
     */
    public List<AlertEvent> statEvents(long statId, long sinceMillis) {
        List<AlertEvent> newestFirst = new java.util.ArrayList<>(dsl.selectFrom(ALERT_EVENTS)
                .where(ALERT_EVENTS.STAT_ID.eq(statId))
                .and(ALERT_EVENTS.HAPPENED_AT.ge(sinceMillis)).and(ALERT_EVENTS.RENOTIFY.isFalse())
                .orderBy(ALERT_EVENTS.HAPPENED_AT.desc(), ALERT_EVENTS.ID.desc()).limit(MAX_EVENTS_READ)
                .fetch(AlertStore::toEvent));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** A transition (not a reminder) with what a feed shows of it: whose alert, of what kind, on which stat. */
    public record Transition(AlertEvent event, long accountId, AlertKind kind, String statName) {
    }

    /**
     * Transitions with ids above {@code idAbove}, oldest first, on live stats: what the feeds have
     * not published yet. Reminders while firing are not news.
     */
    public List<Transition> transitionsAbove(long idAbove, int limit) {
        return dsl.select(ALERT_EVENTS.fields()).select(ALERTS.ACCOUNT_ID, ALERTS.KIND, STATS.NAME)
                .from(ALERT_EVENTS).join(ALERTS).on(ALERTS.ID.eq(ALERT_EVENTS.ALERT_ID))
                .join(STATS).on(STATS.ID.eq(ALERT_EVENTS.STAT_ID))
                .where(ALERT_EVENTS.ID.gt(idAbove)).and(ALERT_EVENTS.RENOTIFY.isFalse()).and(STATS.DELETED_AT.eq(0L))
                .orderBy(ALERT_EVENTS.ID).limit(Math.min(limit, MAX_EVENTS_READ))
                .fetch(r -> new Transition(toEvent(r.into(ALERT_EVENTS)), r.get(ALERTS.ACCOUNT_ID),
                        AlertKind.fromApiName(r.get(ALERTS.KIND)).orElseThrow(), r.get(STATS.NAME)));
    }

    /** An alert that started firing: what a report lists for its period. */
    public record Fired(long alertId, long statId, String statName, long atMillis, String message) {
    }

    /**
     * The account's alerts that started firing in [fromMillis, toMillis), oldest first: transitions
     * to firing only, not reminders that one is still firing.
     */
    public List<Fired> firedBetween(long accountId, long fromMillis, long toMillis, int limit) {
        return dsl.select(ALERT_EVENTS.ALERT_ID, ALERT_EVENTS.STAT_ID, STATS.NAME, ALERT_EVENTS.HAPPENED_AT,
                        ALERT_EVENTS.MESSAGE)
                .from(ALERT_EVENTS).join(ALERTS).on(ALERTS.ID.eq(ALERT_EVENTS.ALERT_ID))
                .join(STATS).on(STATS.ID.eq(ALERT_EVENTS.STAT_ID))
                .where(ALERTS.ACCOUNT_ID.eq(accountId)).and(STATS.DELETED_AT.eq(0L))
                .and(ALERT_EVENTS.STATE.eq(AlertState.FIRING.apiName())).and(ALERT_EVENTS.RENOTIFY.isFalse())
                .and(ALERT_EVENTS.HAPPENED_AT.ge(fromMillis)).and(ALERT_EVENTS.HAPPENED_AT.lt(toMillis))
                .orderBy(ALERT_EVENTS.HAPPENED_AT, ALERT_EVENTS.ID).limit(Math.min(limit, MAX_EVENTS_READ))
                .fetch(r -> new Fired(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    private static Condition ofAccount(long accountId, long alertId) {
        return ALERTS.ID.eq(alertId).and(ALERTS.ACCOUNT_ID.eq(accountId));
    }

    private static void setRule(AlertsRecord row, AlertRule rule) {
        row.setKind(rule.kind().apiName());
        row.setWindowSeconds(rule.window().seconds());
        row.setComparison(rule.comparison().name().toLowerCase(java.util.Locale.ROOT));
        row.setThreshold(boxed(rule.threshold()));
        row.setRecoveryThreshold(boxed(rule.recoveryThreshold()));
        row.setPercentage(boxed(rule.percentage()));
        row.setDeltaSeconds(rule.delta().toSeconds());
        row.setRenotifySeconds(rule.renotify().map(Duration::toSeconds).orElse(null));
        row.setEmail(rule.email().orElse(null));
        row.setWebhookUrl(rule.webhookUrl().orElse(null));
    }

    private static Alert toAlert(AlertsRecord row) {
        AlertRule rule = new AlertRule(
                AlertKind.fromApiName(row.getKind()).orElseThrow(),
                AlertWindow.ofSeconds(row.getWindowSeconds()).orElseThrow(),
                Comparison.valueOf(row.getComparison().toUpperCase(java.util.Locale.ROOT)),
                optional(row.getThreshold()), optional(row.getRecoveryThreshold()), optional(row.getPercentage()),
                Duration.ofSeconds(row.getDeltaSeconds() == null ? row.getWindowSeconds() : row.getDeltaSeconds()),
                Optional.ofNullable(row.getRenotifySeconds()).map(Duration::ofSeconds),
                Optional.ofNullable(row.getEmail()), Optional.ofNullable(row.getWebhookUrl()));
        AlertStatus status = new AlertStatus(AlertState.fromApiName(row.getState()), row.getStateSince(),
                row.getStateVersion(), optional(row.getLastValue()), row.getLastEvaluatedAt(), row.getLastNotifiedAt());
        return new Alert(row.getId(), row.getAccountId(), row.getStatId(), rule, row.getWebhookSecret(),
                row.getMuted(), row.getCreatedAt(), status);
    }

    private static AlertEvent toEvent(AlertEventsRecord row) {
        return new AlertEvent(row.getId(), row.getAlertId(), row.getStatId(), row.getHappenedAt(),
                AlertState.fromApiName(row.getState()), row.getRenotify(), optional(row.getObserved()),
                row.getMessage());
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
