package io.statfeed.interactor.reports;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.model.User;
import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/**
 * "Send me a report now": the last complete period of the person's frequency (daily when their
 * reports are off) in their time zone, at once, whatever the hour. It does not count as that
 * period's scheduled report, and each one is a mail of its own.
 */
public final class SendReportNow {
    private final AccountStore accounts;
    private final ReportSubscriptionStore subscriptions;
    private final ReportDelivery delivery;
    private final Clock clock;

    public SendReportNow(AccountStore accounts, ReportSubscriptionStore subscriptions, ReportDelivery delivery,
                         Clock clock) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.clock = clock;
    }

    public ReportDelivery.Sent send(Visitor visitor) {
        return sendTo(visitor.userId());
    }

    /** The same for any person by id, as the API's send to every member of an account does. */
    ReportDelivery.Sent sendTo(long userId) {
        User user = accounts.findUserById(userId).orElseThrow(() -> new NotFoundException("no user " + userId));
        ReportSubscription settings = subscriptions.find(userId);
        ReportPeriod period = ReportPeriod.latest(settings.frequency(), settings.zone(), clock.instant());
        String messageId = ReportDelivery.messageId(userId, period) + ".now-" + clock.millis();
        try {
            return delivery.send(user, period, messageId);
        } catch (DeliveryException e) {
            throw new ReportNotSentException("the report to " + user.email() + " was not sent: " + e.getMessage(), e);
        }
    }
}
