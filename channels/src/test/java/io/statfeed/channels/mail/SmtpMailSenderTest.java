package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {
    @RegisterExtension
    static final GreenMailExtension server = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@stats.example.com", "alerts", "s3cret"));

    @Test
    void a_mail_arrives_with_its_headers_text_html_and_inline_graph() throws Exception {
        Mail mail = SampleMails.alert("alert-7-1700000000");
        sender(settings(Map.of())).send(mail);

        MimeMessage[] received = server.getReceivedMessages();
        assertEquals(1, received.length);
        SampleMails.assertAlert(mail, received[0]);
    }

    @Test
    void a_server_that_wants_a_login_gets_one() throws Exception {
        sender(settings(Map.of("STATFEED_SMTP_USER", "alerts", "STATFEED_SMTP_PASSWORD", "s3cret")))
                .send(SampleMails.alert("with-login"));
        assertEquals(1, server.getReceivedMessages().length);
    }

    @Test
    void a_refused_login_is_worth_retrying_once_the_settings_are_fixed() {
        DeliveryException e = assertThrows(DeliveryException.class, () ->
                sender(settings(Map.of("STATFEED_SMTP_USER", "alerts", "STATFEED_SMTP_PASSWORD", "wrong")))
                        .send(SampleMails.alert("bad-login")));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("refused the login of alerts"), e.getMessage());
        assertEquals(0, server.getReceivedMessages().length);
    }

    @Test
    void starttls_once_chosen_is_required_so_a_server_without_it_never_gets_the_mail_in_clear() {
        DeliveryException e = assertThrows(DeliveryException.class, () ->
                sender(settings(Map.of("STATFEED_SMTP_TLS", "starttls"))).send(SampleMails.alert("no-starttls")));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(0, server.getReceivedMessages().length);
    }

    @Test
    void a_recipient_that_is_not_an_address_is_not_retried() {
        Mail mail = new Mail("not an address", "s", "t", "<p>h</p>", "bad-to");
        DeliveryException e = assertThrows(DeliveryException.class, () -> sender(settings(Map.of())).send(mail));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("'not an address' is not a mail address"), e.getMessage());
    }

    @Test
    void a_server_that_is_down_fails_at_once_and_is_worth_retrying() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Settings.Mail down = Settings.from(Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                "STATFEED_SMTP_PORT", Integer.toString(closedPort), "STATFEED_SMTP_TLS", "none",
                "STATFEED_SMTP_FROM", SampleMails.FROM)).mail();
        long start = System.nanoTime();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> new SmtpMailSender(down).send(SampleMails.alert("down")));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000);
    }

    @Test
    void a_server_that_never_answers_times_out_and_is_worth_retrying() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException done) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Settings.Mail mute = Settings.from(Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                    "STATFEED_SMTP_PORT", Integer.toString(silent.getLocalPort()), "STATFEED_SMTP_TLS", "none",
                    "STATFEED_SMTP_FROM", SampleMails.FROM)).mail();
            long start = System.nanoTime();
            DeliveryException e = assertThrows(DeliveryException.class, () -> new SmtpMailSender(mute, Optional.empty(),
                    Duration.ofMillis(300), Clock.systemUTC()).send(SampleMails.alert("silent")));
            assertTrue(e.retryable());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000);
            acceptor.interrupt();
        }
    }

    @Test
    void the_password_is_never_in_a_failure_message() {
        DeliveryException e = assertThrows(DeliveryException.class, () ->
                sender(settings(Map.of("STATFEED_SMTP_USER", "alerts", "STATFEED_SMTP_PASSWORD", "hunter2-secret")))
                        .send(SampleMails.alert("secret-check")));
        assertFalse(e.getMessage().contains("hunter2-secret"));
    }

    private static SmtpMailSender sender(Settings.Mail settings) {
        return new SmtpMailSender(settings);
    }

    private static Settings.Mail settings(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                "STATFEED_SMTP_PORT", Integer.toString(server.getSmtp().getPort()),
                "STATFEED_SMTP_TLS", "none", "STATFEED_SMTP_FROM", SampleMails.FROM));
        env.putAll(more);
        return Settings.from(env).mail();
    }

}
