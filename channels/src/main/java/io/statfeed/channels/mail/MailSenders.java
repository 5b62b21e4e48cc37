package io.statfeed.channels.mail;

import io.statfeed.core.config.Settings;

/** Picks how mail leaves from the settings: SMTP when a host is set, {@code .eml} files otherwise. */
public final class MailSenders {
    private MailSenders() {
    }

    public static MailSender from(Settings settings) {
        Settings.Mail mail = settings.mail();
        return mail.smtpHost().isPresent()
                ? new SmtpMailSender(mail)
                : new EmlFileMailSender(settings.dataDir(), mail.from());
    }
}
