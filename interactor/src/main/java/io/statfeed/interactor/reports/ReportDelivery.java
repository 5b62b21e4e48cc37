package io.statfeed.interactor.reports;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.core.model.User;

/** Gathers a person's report, has it rendered and sends it: what every way of sending one shares. */
public final class ReportDelivery {
    private final ReportComposer composer;
    private final ReportMail mail;
    private final MailSender sender;

    public ReportDelivery(ReportComposer composer, ReportMail mail, MailSender sender) {
        this.composer = composer;
        this.mail = mail;
        this.sender = sender;
    }

    /** What went out. */
    public record Sent(long userId, String to, ReportPeriod period, int stats, int alerts, String messageId) {
    }

    public Sent send(User user, ReportPeriod period, String messageId) throws DeliveryException {
        Report report = composer.compose(user, period, messageId);
        sender.send(mail.render(report));
        return new Sent(user.id(), user.email(), period, report.stats().size(), report.alerts().size(), messageId);
    }

    /** The same for every send of one period's report, so a repeat is recognisable as the same mail. */
    static String messageId(long userId, ReportPeriod period) {
        return "report." + userId + "." + period.key();
    }
}
