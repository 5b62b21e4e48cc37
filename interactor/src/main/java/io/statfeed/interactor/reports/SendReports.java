package io.statfeed.interactor.reports;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.model.User;
import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's report run: every subscription whose local time has reached its hour on a day
 * (or weekday) whose report has not gone yet is claimed, then its report composed and sent. The
 * claim is a conditional update, so two runs (or two schedulers) never both send one period; a
 * send that fails but may work later gives the claim back for the next run, a mail refused for
 * good (the address) keeps it, so it is not refused again every few minutes all day. A process
 * dying between claim and send loses that one report: at most once, never twice.
 */
public final class SendReports {
    private static final Logger log = LoggerFactory.getLogger(SendReports.class);

    private final ReportSubscriptionStore subscriptions;
    private final AccountStore accounts;
    private final ReportDelivery delivery;
    private final Clock clock;

    public SendReports(ReportSubscriptionStore subscriptions, AccountStore accounts, ReportDelivery delivery,
                       Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** What one run did: reports due, sent, taken by another run first, failed (to retry or refused). */
    public record Run(int due, int sent, int claimedElsewhere, int retrying, int refused) {
    }

    public Run run() {
        int due = 0;
        int sent = 0;
        int elsewhere = 0;
        int retrying = 0;
        int refused = 0;
        for (ReportSubscription subscription : subscriptions.subscribed()) {
            Optional<ReportPeriod> period = ReportPeriod.due(subscription, clock.instant());
            if (period.isEmpty()) {
                continue;
            }
            Optional<User> user = accounts.findUserById(subscription.userId()); // only for the few that are due
            if (user.isEmpty()) {
                continue;
            }
            due++;
            String key = period.get().key();
            if (!subscriptions.claim(subscription.userId(), subscription.frequency(), key)) {
                elsewhere++;
                continue;
            }
            try {
                delivery.send(user.get(), period.get(), ReportDelivery.messageId(subscription.userId(), period.get()));
                sent++;
            } catch (DeliveryException e) {
                if (e.retryable()) {
                    subscriptions.release(subscription.userId(), key, subscription.lastSentFor());
                    retrying++;
                } else {
                    refused++;
                }
                log.warn("report {} to {} not sent ({}): {}", key, user.get().email(),
                        e.retryable() ? "will retry" : "refused", e.getMessage());
            } catch (RuntimeException e) {
                subscriptions.release(subscription.userId(), key, subscription.lastSentFor());
                retrying++;
                log.warn("report {} to {} not composed; will retry", key, user.get().email(), e);
            }
        }
        return new Run(due, sent, elsewhere, retrying, refused);
    }
}
