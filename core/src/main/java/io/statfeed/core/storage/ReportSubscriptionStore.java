package io.statfeed.core.storage;

import static io.statfeed.core.storage.schema.Tables.REPORT_SUBSCRIPTIONS;

import io.statfeed.core.model.reports.ReportFrequency;
import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.core.storage.schema.tables.records.ReportSubscriptionsRecord;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * People's report settings, and the claim that makes each period's report go once: a sender
 * claims a period by moving {@code last_sent_for} to its key with a conditional update, and only
 * the one whose update changed the row sends; a failed send gives the period back.
 */
public final class ReportSubscriptionStore {
    private final DSLContext dsl;

    public ReportSubscriptionStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The person's settings; no reports when they never chose any. */
    public ReportSubscription find(long userId) {
        return dsl.selectFrom(REPORT_SUBSCRIPTIONS).where(REPORT_SUBSCRIPTIONS.USER_ID.eq(userId))
                .fetchOptional().map(ReportSubscriptionStore::toSubscription)
                .orElseGet(() -> ReportSubscription.none(userId));
    }

    /**
     * Saves how often, when and where; the period last sent is kept, so moving the hour later on a
     * day whose report has gone does not send it again.
     */
    public void save(ReportSubscription settings, long nowMillis) {
        if (update(settings, nowMillis) == 1) {
            return;
        }
        try {
            dsl.insertInto(REPORT_SUBSCRIPTIONS)
                    .set(REPORT_SUBSCRIPTIONS.USER_ID, settings.userId())
                    .set(REPORT_SUBSCRIPTIONS.FREQUENCY, settings.frequency().storedName())
                    .set(REPORT_SUBSCRIPTIONS.HOUR_OF_DAY, settings.hourOfDay())
                    .set(REPORT_SUBSCRIPTIONS.TIME_ZONE, settings.zone().getId())
                    .set(REPORT_SUBSCRIPTIONS.WEEKDAY, settings.weekday().getValue())
                    .set(REPORT_SUBSCRIPTIONS.LAST_SENT_FOR, settings.lastSentFor())
                    .set(REPORT_SUBSCRIPTIONS.UPDATED_AT, nowMillis)
                    .execute();
        } catch (DataAccessException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            update(settings, nowMillis); // saved from two tabs at once: the later one wins
        }
    }

    /** Stops the person's reports (the unsubscribe link); false when they had none to stop. */
    public boolean turnOff(long userId, long nowMillis) {
        return dsl.update(REPORT_SUBSCRIPTIONS)
                .set(REPORT_SUBSCRIPTIONS.FREQUENCY, ReportFrequency.OFF.storedName())
                .set(REPORT_SUBSCRIPTIONS.UPDATED_AT, nowMillis)
                .where(REPORT_SUBSCRIPTIONS.USER_ID.eq(userId))
                .and(REPORT_SUBSCRIPTIONS.FREQUENCY.ne(ReportFrequency.OFF.storedName()))
                .execute() == 1;
    }

    /** Everyone who gets reports; whether one is due depends on each one's time zone, judged by the caller. */
    public List<ReportSubscription> subscribed() {
        return dsl.selectFrom(REPORT_SUBSCRIPTIONS)
                .where(REPORT_SUBSCRIPTIONS.FREQUENCY.ne(ReportFrequency.OFF.storedName()))
                .orderBy(REPORT_SUBSCRIPTIONS.USER_ID)
                .fetch(ReportSubscriptionStore::toSubscription);
    }

    /**
     * Claims the period {@code periodKey} for sending, if it is still unsent and the person still
     * wants reports of that frequency: true for exactly one caller however many try.
     */
    public boolean claim(long userId, ReportFrequency frequency, String periodKey) {
        return dsl.update(REPORT_SUBSCRIPTIONS).set(REPORT_SUBSCRIPTIONS.LAST_SENT_FOR, periodKey)
                .where(REPORT_SUBSCRIPTIONS.USER_ID.eq(userId))
                .and(REPORT_SUBSCRIPTIONS.FREQUENCY.eq(frequency.storedName()))
                .and(REPORT_SUBSCRIPTIONS.LAST_SENT_FOR.ne(periodKey))
                .execute() == 1;
    }

    /** Gives a claimed period back (its send failed), so the next run tries it again. */
    public void release(long userId, String periodKey, String previousKey) {
        dsl.update(REPORT_SUBSCRIPTIONS).set(REPORT_SUBSCRIPTIONS.LAST_SENT_FOR, previousKey)
                .where(REPORT_SUBSCRIPTIONS.USER_ID.eq(userId))
                .and(REPORT_SUBSCRIPTIONS.LAST_SENT_FOR.eq(periodKey))
                .execute();
    }

    private int update(ReportSubscription settings, long nowMillis) {
        return dsl.update(REPORT_SUBSCRIPTIONS)
                .set(REPORT_SUBSCRIPTIONS.FREQUENCY, settings.frequency().storedName())
                .set(REPORT_SUBSCRIPTIONS.HOUR_OF_DAY, settings.hourOfDay())
                .set(REPORT_SUBSCRIPTIONS.TIME_ZONE, settings.zone().getId())
                .set(REPORT_SUBSCRIPTIONS.WEEKDAY, settings.weekday().getValue())
                .set(REPORT_SUBSCRIPTIONS.UPDATED_AT, nowMillis)
                .where(REPORT_SUBSCRIPTIONS.USER_ID.eq(settings.userId()))
                .execute();
    }

    private static ReportSubscription toSubscription(ReportSubscriptionsRecord row) {
        return new ReportSubscription(row.getUserId(),
                ReportFrequency.fromStoredName(row.getFrequency()).orElse(ReportFrequency.OFF),
                row.getHourOfDay(), zone(row.getTimeZone()), DayOfWeek.of(row.getWeekday()), row.getLastSentFor());
    }

    /** A zone the running Java no longer knows (tz data changes) reads as UTC rather than failing every run. */
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ReportSubscription.DEFAULT_ZONE;
        }
    }
}
