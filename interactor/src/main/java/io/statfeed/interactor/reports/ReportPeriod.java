package io.statfeed.interactor.reports;

import io.statfeed.core.model.reports.ReportFrequency;
import io.statfeed.core.model.reports.ReportSubscription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole local days a report covers: a daily report sent on {@code sendDate} covers the day
 * before it, a weekly one the seven days before it, both from local midnight to local midnight in
 * the person's time zone (so a day of a DST change is 23 or 25 hours long, as it was lived).
 */
public record ReportPeriod(ReportFrequency frequency, LocalDate sendDate, ZoneId zone) {
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public ReportPeriod {
        Objects.requireNonNull(sendDate, "sendDate");
        Objects.requireNonNull(zone, "zone");
        if (frequency == ReportFrequency.OFF) {
            throw new IllegalArgumentException("a report period is daily or weekly");
        }
    }

    /**
     * The period a subscription's report is due for at {@code now}: today's, once the local time
     * has reached the chosen hour (on the chosen weekday, for weekly reports), unless already sent.
     */
    public static Optional<ReportPeriod> due(ReportSubscription subscription, Instant now) {
        if (!subscription.subscribed()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(subscription.zone());
        if (local.getHour() < subscription.hourOfDay()) {
            return Optional.empty();
        }
        if (subscription.frequency() == ReportFrequency.WEEKLY && local.getDayOfWeek() != subscription.weekday()) {
            return Optional.empty();
        }
        ReportPeriod period = new ReportPeriod(subscription.frequency(), local.toLocalDate(), subscription.zone());
        return period.key().equals(subscription.lastSentFor()) ? Optional.empty() : Optional.of(period);
    }

    /** The last complete period at {@code now}: what "send me a report now" reports on. */
    public static ReportPeriod latest(ReportFrequency frequency, ZoneId zone, Instant now) {
        ReportFrequency chosen = frequency == ReportFrequency.OFF ? ReportFrequency.DAILY : frequency;
        return new ReportPeriod(chosen, now.atZone(zone).toLocalDate(), zone);
    }

    /** Names the period for the once-only claim and the Message-ID: {@code daily-20231114}. */
    public String key() {
        return frequency.storedName() + "-" + sendDate.format(KEY_DATE);
    }

    public int days() {
        return frequency == ReportFrequency.WEEKLY ? 7 : 1;
    }

    public LocalDate firstDay() {
        return sendDate.minusDays(days());
    }

    public LocalDate lastDay() {
        return sendDate.minusDays(1);
    }

    public long startSeconds() {
        return firstDay().atStartOfDay(zone).toEpochSecond();
    }

    public long endSeconds() {
        return sendDate.atStartOfDay(zone).toEpochSecond();
    }

    /** The period of the same length just before, to compare with. */
    public ReportPeriod previous() {
        return new ReportPeriod(frequency, sendDate.minusDays(days()), zone);
    }
}
