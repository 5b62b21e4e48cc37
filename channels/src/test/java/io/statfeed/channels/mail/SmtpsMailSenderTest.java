package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.testing.TestTls;
import io.statfeed.core.config.Settings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS from the first byte (STATFEED_SMTP_TLS=tls), with the server's certificate checked. */
class SmtpsMailSenderTest {
    // GreenMail reads its key store once, from these properties, when it first starts a TLS server.
    static {
        System.setProperty("greenmail.tls.keystore.file", TestTls.get().keyStoreFile().toString());
        System.setProperty("greenmail.tls.keystore.password", TestTls.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestTls.PASSWORD);
    }

    @RegisterExtension
    static final GreenMailExtension server = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());

    @Test
    void a_mail_goes_over_tls_to_a_server_whose_certificate_is_trusted() throws Exception {
        Mail mail = SampleMails.alert("over-tls");
        new SmtpMailSender(settings(), Optional.of(TestTls.get().clientContext().getSocketFactory()),
                SmtpMailSender.READ_TIMEOUT, Clock.systemUTC()).send(mail);
        assertEquals(1, server.getReceivedMessages().length);
        SampleMails.assertAlert(mail, server.getReceivedMessages()[0]);
    }

    @Test
    void a_server_whose_certificate_is_not_trusted_gets_nothing() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> new SmtpMailSender(settings()).send(SampleMails.alert("untrusted")));
        assertEquals(0, server.getReceivedMessages().length);
        assertFalse(e.getMessage().isEmpty());
    }

    private static Settings.Mail settings() {
        return Settings.from(Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                "STATFEED_SMTP_PORT", Integer.toString(server.getSmtps().getPort()),
                "STATFEED_SMTP_TLS", "tls", "STATFEED_SMTP_FROM", SampleMails.FROM)).mail();
    }
}
