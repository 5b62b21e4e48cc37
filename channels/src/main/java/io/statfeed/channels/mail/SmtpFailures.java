package io.statfeed.channels.mail;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.OptionalInt;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Says what went wrong with an SMTP send, and whether trying again can help. The server's reply
 * code decides where there is one (RFC 5321: 4xx is transient, 5xx permanent); a server that cannot
 * be reached, times out or refuses the login is retryable, since the mail itself is fine and the
 * next try may find the server up or its settings fixed.
 */
final class SmtpFailures {
    private static final int PERMANENT = 500;
    /** Exception chains are short; the bound only guards against one that loops. */
    private static final int MAX_CHAIN = 16;

    private SmtpFailures() {
    }

    static DeliveryException describe(Mail mail, Settings.Mail settings, MessagingException e) {
        String where = settings.smtpHost().orElseThrow() + ":" + settings.smtpPort();
        OptionalInt code = replyCode(e);
        if (code.isPresent()) {
            boolean permanent = code.getAsInt() >= PERMANENT;
            return new DeliveryException("SMTP server " + where + " refused mail " + mail.messageId() + " to "
                    + mail.to() + ": " + oneLine(e.getMessage()), !permanent, e);
        }
        if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            return new DeliveryException("SMTP server " + where + " refused the recipient " + mail.to(), false, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return new DeliveryException("SMTP server " + where + " refused the login of "
                    + settings.smtpUser().orElse("(no user)") + ": " + oneLine(e.getMessage()), true, e);
        }
        Throwable io = ioCause(e);
        String reason = io != null ? io.getClass().getSimpleName() + ": " + io.getMessage() : oneLine(e.getMessage());
        return new DeliveryException("SMTP server " + where + " did not take mail " + mail.messageId() + ": " + reason,
                true, e);
    }

    /** The first reply code along the chain: the exception itself, its next exceptions, its causes. */
    private static OptionalInt replyCode(Exception e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CHAIN; i++, t = next(t)) {
            int code = t instanceof SMTPAddressFailedException f ? f.getReturnCode()
                    : t instanceof SMTPSenderFailedException f ? f.getReturnCode()
                    : t instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : -1;
            if (code > 0) {
                return OptionalInt.of(code);
            }
        }
        return OptionalInt.empty();
    }

    private static Throwable ioCause(Exception e) {
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CHAIN; i++, t = next(t)) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
