package io.statfeed.channels.mail;

import io.statfeed.channels.DeliveryException;

/** Sends one finished mail; {@link MailSenders#from} picks SMTP or {@code .eml} files from the settings. */
public interface MailSender {
    void send(Mail mail) throws DeliveryException;
}
