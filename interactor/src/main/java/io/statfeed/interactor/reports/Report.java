package io.statfeed.interactor.reports;

import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AlertStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One person's report, ready to be rendered as a mail: the stats it follows with their values,
 * the alerts that fired, and what the mail needs to link back and to let them unsubscribe.
 *
 * @param starred   whether {@code stats} are the person's starred stats (else the account's most active)
 * @param messageId the mail's idempotency key: the same period's report always has the same one
 */
public record Report(long userId, String to, ReportPeriod period, boolean starred, List<StatLine> stats,
                     List<AlertStore.Fired> alerts, URI webBase, String unsubscribeToken, String messageId) {
    public Report {
        stats = List.copyOf(stats);
        alerts = List.copyOf(alerts);
    }

    /**
     * A stat's line: its value over the period (a counter's total, a value stat's mean; empty for
     * a value stat without points), the previous period's, the change between them in percent
     * (empty when there is nothing to compare with), and its sparkline as a PNG with the content
     * id the HTML refers to it by.
     */
    public record StatLine(Stat stat, OptionalDouble value, OptionalDouble previous, OptionalDouble changePercent,
                           Optional<byte[]> sparkline, String contentId) {
    }
}
