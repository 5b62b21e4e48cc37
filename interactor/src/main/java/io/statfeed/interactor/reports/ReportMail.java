package io.statfeed.interactor.reports;

import io.statfeed.channels.mail.Mail;

/**
 * Renders a report as a mail (a presenter's job: see {@code presenters.mail.ReportMailPresenter});
 * the use cases only gather the report and hand the finished mail to the sender.
 */
public interface ReportMail {
    Mail render(Report report);
}
