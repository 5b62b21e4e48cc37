package io.statfeed.channels.mail;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends mail to the SMTP server of the settings (Jakarta Mail, Angus), one connection per mail:
 * alerts and reports come minutes apart, and a held connection would only go stale.
 * Every step has a timeout, so a dead server costs a scheduler thread seconds, not forever.
 */
public final class SmtpMailSender implements MailSender {
    /** Reaching a live server takes milliseconds; five seconds is a server that is not there. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Servers may think a while after DATA (spam and virus checks); ten seconds of silence is a hang. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Settings.Mail settings;
    private final Session session;
    private final MailComposer composer;

    public SmtpMailSender(Settings.Mail settings) {
        this(settings, Optional.empty(), READ_TIMEOUT, Clock.systemUTC());
    }

    /** Tests trust their own certificate through {@code tlsSockets} and wait less. */
    SmtpMailSender(Settings.Mail settings, Optional<SSLSocketFactory> tlsSockets, Duration readTimeout, Clock clock) {
        if (settings.smtpHost().isEmpty()) {
            throw new IllegalArgumentException("SmtpMailSender needs STATFEED_SMTP_HOST; MailSenders picks files without it");
        }
        this.settings = settings;
        this.composer = new MailComposer(settings.from(), clock);
        this.session = Session.getInstance(properties(settings, tlsSockets, readTimeout));
    }

    @Override
    public void send(Mail mail) throws DeliveryException {
        MimeMessage message = composer.compose(session, mail);
        Transport transport = transport();
        try {
            transport.connect(settings.smtpHost().orElseThrow(), settings.smtpPort(),
                    settings.smtpUser().orElse(null), settings.smtpPassword().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw SmtpFailures.describe(mail, settings, e);
        } finally {
            closeAfterSending(transport);
        }
    }

    private Transport transport() throws DeliveryException {
        try {
            return session.getTransport("smtp");
        } catch (NoSuchProviderException e) {
            throw new DeliveryException("no SMTP implementation on the class path (angus-mail)", false, e);
        }
    }

    /**
     * Once sendMessage returned the server has taken the mail; a QUIT that fails changes nothing,
     * and reporting it would make the outbox send the mail twice.
     */
    private static void closeAfterSending(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // see above
        }
    }

    private static Properties properties(Settings.Mail settings, Optional<SSLSocketFactory> tlsSockets,
                                         Duration readTimeout) {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.smtpHost().orElseThrow());
        props.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        props.put("mail.smtp.connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        props.put("mail.smtp.auth", Boolean.toString(settings.smtpUser().isPresent()));
        switch (settings.tls()) {
            case NONE -> { }
            // required: a server that stops offering STARTTLS must not get the password in clear
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> props.put("mail.smtp.ssl.enable", "true");
        }
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        tlsSockets.ifPresent(factory -> props.put("mail.smtp.ssl.socketFactory", factory));
        return props;
    }
}
