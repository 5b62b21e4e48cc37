package io.statfeed.channels.mail;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.ConfigException;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Turns a {@link Mail} into the MIME message both senders send, so an {@code .eml} file is byte
 * for byte what SMTP would have carried (but the boundaries and the date):
 * <pre>
 * multipart/alternative
 *   text/plain; charset=UTF-8
 *   text/html; charset=UTF-8            (no images)
 *   multipart/related; type="text/html" (with images)
 *     text/html; charset=UTF-8
 *     image/png  Content-ID: &lt;id&gt;, Content-Disposition: inline
 * </pre>
 */
final class MailComposer {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    /** RFC 3834: tells vacation responders and ticket systems not to answer an alert. */
    private static final String AUTO_SUBMITTED = "Auto-Submitted";

    private final InternetAddress from;
    private final String messageIdDomain;
    private final Clock clock;

    MailComposer(String from, Clock clock) {
        this.from = fromAddress(from);
        String address = this.from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
        this.clock = clock;
    }

    InternetAddress from() {
        return from;
    }

    /** A message ready to send or write; a {@link DeliveryException} here is never worth retrying. */
    MimeMessage compose(Session session, Mail mail) throws DeliveryException {
        InternetAddress to = recipient(mail.to());
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + mail.messageId() + "@" + messageIdDomain + ">");
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, to);
            message.setSubject(mail.subject(), UTF_8);
            message.setSentDate(Date.from(clock.instant()));
            if (mail.headers().keySet().stream().noneMatch(AUTO_SUBMITTED::equalsIgnoreCase)) {
                message.setHeader(AUTO_SUBMITTED, "auto-generated");
            }
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.setContent(alternatives(mail));
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new DeliveryException("mail " + mail.messageId() + " could not be put together: " + e.getMessage(),
                    false, e);
        }
    }

    private static MimeMultipart alternatives(Mail mail) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.plainText(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), UTF_8, "html");

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        if (mail.images().isEmpty()) {
            alternative.addBodyPart(html);
        } else {
            MimeMultipart related = new RelatedToHtml();
            related.addBodyPart(html);
            for (InlineImage image : mail.images()) {
                related.addBodyPart(inline(image));
            }
            MimeBodyPart wrapper = new MimeBodyPart();
            wrapper.setContent(related);
            alternative.addBodyPart(wrapper);
        }
        return alternative;
    }

    private static MimeBodyPart inline(InlineImage image) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.bytes(), image.mimeType())));
        part.setContentID("<" + image.contentId() + ">");
        part.setDisposition(Part.INLINE);
        // Some clients list a nameless part as "noname" among attachments; a name keeps them quiet.
        part.setFileName(image.contentId());
        return part;
    }

    private static InternetAddress recipient(String to) throws DeliveryException {
        try {
            return mailbox(to);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new DeliveryException("'" + to + "' is not a mail address: " + e.getMessage(), false, e);
        }
    }

    static InternetAddress fromAddress(String text) {
        try {
            return mailbox(text);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new ConfigException("STATFEED_SMTP_FROM must be a mail address such as "
                    + "'Statfeed <statfeed@example.com>', got '" + text + "'");
        }
    }

    /**
     * One mailbox with a domain, rebuilt from its parts: parsed as it is, a display name with
     * accents would go out as raw bytes; rebuilt, it is encoded (RFC 2047).
     */
    private static InternetAddress mailbox(String text) throws AddressException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(text, true);
        if (parsed.isGroup() || parsed.getAddress().indexOf('@') < 0) {
            throw new AddressException("not a single mailbox with a domain", text);
        }
        return parsed.getPersonal() == null
                ? new InternetAddress(parsed.getAddress())
                : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
    }

    /** Jakarta Mail would otherwise replace the Message-ID with a random one at every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** RFC 2387 asks multipart/related to name the type of its root part. */
    private static final class RelatedToHtml extends MimeMultipart {
        RelatedToHtml() {
            super("related");
            contentType = contentType + "; type=\"text/html\"";
        }
    }
}
