package io.statfeed.channels.mail;

import io.statfeed.channels.DeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The mail sender of an install without an SMTP server: each mail becomes
 * {@code DATA_DIR/outbox/TIME-MESSAGEID.eml}, the same MIME message SMTP would carry, which any
 * mail program opens. The file appears whole or not at all (written aside, then moved), and a
 * message id that already has a file is not written again, so an outbox retrying after a crash
 * leaves one file.
 */
public final class EmlFileMailSender implements MailSender {
    /** Sorts by time in a listing and holds no '-', so the message id is everything after the first one. */
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String SUFFIX = ".eml";

    private final Path outbox;
    private final MailComposer composer;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public EmlFileMailSender(Path dataDir, String from) {
        this(dataDir, from, Clock.systemUTC());
    }

    EmlFileMailSender(Path dataDir, String from, Clock clock) {
        this.outbox = dataDir.resolve("outbox");
        this.composer = new MailComposer(from, clock);
        this.clock = clock;
    }

    public Path outbox() {
        return outbox;
    }

    /**
     * Synchronized so two threads sending the same id cannot both find no file; two processes on
     * one data folder could, and would leave two files of the same message.
     */
    @Override
    public synchronized void send(Mail mail) throws DeliveryException {
        MimeMessage message = composer.compose(session, mail);
        try {
            Files.createDirectories(outbox);
            if (written(mail.messageId()).isPresent()) {
                return;
            }
            Path target = outbox.resolve(FILE_TIME.format(clock.instant()) + "-" + mail.messageId() + SUFFIX);
            // A leading dot keeps a half-written file out of written() and out of mail programs' sight.
            Path temporary = Files.createTempFile(outbox, ".", SUFFIX + ".part");
            try {
                write(message, temporary);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | MessagingException e) {
            throw new DeliveryException("mail " + mail.messageId() + " could not be written to " + outbox + ": "
                    + e.getMessage(), true, e);
        }
    }

    /** The file of a message id, if one was written. */
    public Optional<Path> written(String messageId) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return Optional.empty();
        }
        String name = messageId + SUFFIX;
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(file -> {
                String fileName = file.getFileName().toString();
                int dash = fileName.indexOf('-');
                return !fileName.startsWith(".") && dash > 0 && fileName.substring(dash + 1).equals(name);
            }).findFirst();
        }
    }

    /** Forced to disk before the move, so a crash never leaves a torn file under the final name. */
    private static void write(MimeMessage message, Path file) throws IOException, MessagingException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(channel)) {
            message.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }
}
