package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlFileMailSenderTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");

    @TempDir
    Path dataDir;

    @Test
    void without_an_smtp_server_a_mail_becomes_an_eml_file_in_the_outbox() throws Exception {
        Mail mail = SampleMails.alert("alert-7-1700000000");
        sender(NOW).send(mail);

        assertEquals(List.of("20250304T050607.089Z-alert-7-1700000000.eml"), outbox());
        try (InputStream in = Files.newInputStream(dataDir.resolve("outbox").resolve(outbox().get(0)))) {
            SampleMails.assertAlert(mail, new MimeMessage(Session.getInstance(new Properties()), in));
        }
    }

    @Test
    void sending_the_same_message_id_again_writes_no_second_file() throws Exception {
        sender(NOW).send(SampleMails.alert("alert-7"));
        sender(NOW.plus(Duration.ofMinutes(5))).send(SampleMails.alert("alert-7"));
        sender(NOW.plus(Duration.ofMinutes(5))).send(SampleMails.alert("7"));

        assertEquals(List.of("20250304T050607.089Z-alert-7.eml", "20250304T051107.089Z-7.eml"), outbox(),
                "'7' is not mistaken for the end of 'alert-7'");
    }

    @Test
    void no_part_written_file_is_left_behind() throws Exception {
        sender(NOW).send(SampleMails.alert("a"));
        try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void an_outbox_that_cannot_be_made_is_worth_retrying() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-folder"), "x");
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> new EmlFileMailSender(file, SampleMails.FROM).send(SampleMails.alert("a")));
        assertEquals(true, e.retryable());
    }

    @Test
    void mail_senders_picks_files_without_a_host_and_smtp_with_one() {
        assertInstanceOf(EmlFileMailSender.class, MailSenders.from(Settings.defaults(dataDir)));
        assertInstanceOf(SmtpMailSender.class, MailSenders.from(Settings.from(Map.of(
                "STATFEED_DATA_DIR", dataDir.toString(), "STATFEED_SMTP_HOST", "smtp.example.com"))));
        assertEquals(dataDir.resolve("outbox"),
                ((EmlFileMailSender) MailSenders.from(Settings.defaults(dataDir))).outbox());
    }

    @Test
    void nothing_is_written_for_a_recipient_that_is_not_an_address() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sender(NOW).send(new Mail("nobody", "s", "t", "<p>h</p>", "x")));
        assertFalse(e.retryable());
        assertFalse(Files.exists(dataDir.resolve("outbox")) && !outboxQuietly().isEmpty());
    }

    private EmlFileMailSender sender(Instant now) {
        return new EmlFileMailSender(dataDir, SampleMails.FROM, Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<String> outbox() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> outboxQuietly() {
        try {
            return outbox();
        } catch (Exception e) {
            return List.of();
        }
    }
}
