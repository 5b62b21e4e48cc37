package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** GreenMail takes every recipient, so the server's refusals are made here as Angus reports them. */
class SmtpFailuresTest {
    private static final Settings.Mail SMTP = Settings.from(Map.of("STATFEED_SMTP_HOST", "smtp.example.com")).mail();
    private static final Mail MAIL = new Mail("ana@example.com", "s", "t", "<p>h</p>", "alert-1");

    @Test
    void a_recipient_refused_for_good_is_not_retried_and_one_refused_for_now_is() throws Exception {
        DeliveryException permanent = describe(refusedRecipient(550, "550 5.1.1 no such user"));
        assertFalse(permanent.retryable());
        assertEquals("SMTP server smtp.example.com:587 refused mail alert-1 to ana@example.com: Invalid Addresses",
                permanent.getMessage());
        assertTrue(describe(refusedRecipient(452, "452 4.2.2 mailbox full")).retryable());
    }

    @Test
    void a_message_refused_after_data_follows_its_reply_code() {
        assertFalse(describe(new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected as spam", null,
                null, null, null)).retryable());
        assertTrue(describe(new SMTPSendFailedException("DATA", 451, "451 4.3.0 try again later", null,
                null, null, null)).retryable());
    }

    @Test
    void a_server_that_stops_answering_is_worth_retrying() {
        DeliveryException e = describe(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")));
        assertTrue(e.retryable());
        assertEquals("SMTP server smtp.example.com:587 did not take mail alert-1: SocketTimeoutException: Read timed out",
                e.getMessage());
    }

    private static SendFailedException refusedRecipient(int code, String reply) throws Exception {
        InternetAddress ana = new InternetAddress("ana@example.com");
        SMTPAddressFailedException refused = new SMTPAddressFailedException(ana, "RCPT TO:<ana@example.com>", code, reply);
        return new SendFailedException("Invalid Addresses", refused, new Address[0], new Address[0],
                new Address[] {ana});
    }

    private static DeliveryException describe(MessagingException e) {
        return SmtpFailures.describe(MAIL, SMTP, e);
    }
}
