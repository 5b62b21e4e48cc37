package io.statfeed.interactor.reports;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.reports.ReportFrequency;
import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.interactor.Visitor;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opts in or out of reports and chooses when they come. Fields (as a form or the API sends them):
 * {@code frequency} daily, weekly or off; {@code hour} 0-23; {@code time_zone} an IANA name such as
 * Europe/Berlin; {@code weekday} 1 (Monday) to 7 or its English name. A field left out keeps its
 * value; a bad one is refused with its name, and nothing is changed.
 */
public final class ChangeReportSettings {
    public static final int MAX_ZONE_LENGTH = 64;

    private final ReportSubscriptionStore subscriptions;
    private final Clock clock;

    public ChangeReportSettings(ReportSubscriptionStore subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public ReportSubscription change(Visitor visitor, Map<String, String> fields) {
        ReportSubscription current = subscriptions.find(visitor.userId());
        ReportSubscription changed = new ReportSubscription(visitor.userId(),
                field(fields, "frequency").map(ChangeReportSettings::frequency).orElse(current.frequency()),
                field(fields, "hour").map(ChangeReportSettings::hour).orElse(current.hourOfDay()),
                field(fields, "time_zone").map(ChangeReportSettings::zone).orElse(current.zone()),
                field(fields, "weekday").map(ChangeReportSettings::weekday).orElse(current.weekday()),
                current.lastSentFor());
        subscriptions.save(changed, clock.millis());
        return changed;
    }

    private static Optional<String> field(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    static ReportFrequency frequency(String text) {
        return ReportFrequency.fromStoredName(text.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new InvalidInputException("frequency must be daily, weekly or off, got " + shown(text)));
    }

    static int hour(String text) {
        if (text.matches("[0-9]{1,2}")) {
            int hour = Integer.parseInt(text);
            if (hour <= 23) {
                return hour;
            }
        }
        throw new InvalidInputException("hour must be a whole hour from 0 to 23, got " + shown(text));
    }

    /** Region names only: a fixed offset would be wrong half the year wherever clocks change. */
    static ZoneId zone(String text) {
        if (text.length() <= MAX_ZONE_LENGTH) {
            try {
                ZoneId zone = ZoneId.of(text);
                if (!(zone instanceof ZoneOffset) && !text.matches("(?i)(UTC|GMT|UT)[+-].*")) {
                    return zone;
                }
            } catch (DateTimeException e) {
                // answered below with what was wrong
            }
        }
        throw new InvalidInputException("time_zone must be an IANA time zone such as Europe/Berlin or UTC, got "
                + shown(text));
    }

    static DayOfWeek weekday(String text) {
        if (text.matches("[1-7]")) {
            return DayOfWeek.of(Integer.parseInt(text));
        }
        try {
            return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("weekday must be 1 (Monday) to 7 (Sunday) or a day's name, got "
                    + shown(text));
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
