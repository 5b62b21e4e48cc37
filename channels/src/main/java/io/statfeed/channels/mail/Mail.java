package io.statfeed.channels.mail;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One finished mail: a presenter rendered the text and the HTML, the sender only sends them.
 *
 * <p>{@code messageId} is the idempotency key of the delivery: it becomes the Message-ID
 * ({@code <messageId@domain of From>}) and the name of an {@code .eml} file, so sending the same
 * mail twice is recognisable at the receiving end and writes one file. {@code headers} are extra
 * headers such as {@code List-Unsubscribe}; the ones the sender writes itself are refused here.
 */
public record Mail(String to, String subject, String plainText, String html, List<InlineImage> images,
                   String messageId, Map<String, String> headers) {
    /** A dot-atom (valid left of the @ in a Message-ID) that is also a safe file name. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_=+-]+(\\.[A-Za-z0-9_=+-]+)*");
    private static final int MAX_MESSAGE_ID_LENGTH = 200;
    /** RFC 5322 field names: printable ASCII but the colon. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    /** One line of printable ASCII: a CR or LF would let a value start headers of its own. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t -~]*");
    private static final Set<String> WRITTEN_BY_SENDER = Set.of("from", "to", "cc", "bcc", "sender", "subject",
            "date", "message-id", "mime-version", "content-type", "content-transfer-encoding");

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(plainText, "plainText");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(messageId, "messageId");
        images = List.copyOf(images);
        if (messageId.length() > MAX_MESSAGE_ID_LENGTH || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("a mail's messageId must be up to " + MAX_MESSAGE_ID_LENGTH
                    + " of A-Z a-z 0-9 _ = + - with single dots between, got '" + messageId + "'");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a mail's subject must be one line");
        }
        Set<String> contentIds = new HashSet<>();
        for (InlineImage image : images) {
            if (!contentIds.add(image.contentId())) {
                throw new IllegalArgumentException("two inline images share the content id '" + image.contentId() + "'");
            }
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach(Mail::requireExtraHeader);
    }

    /** A mail with no pictures and no extra headers. */
    public Mail(String to, String subject, String plainText, String html, String messageId) {
        this(to, subject, plainText, html, List.of(), messageId, Map.of());
    }

    private static void requireExtraHeader(String name, String value) {
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a header name");
        }
        if (WRITTEN_BY_SENDER.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the sender writes " + name + " itself; it cannot be an extra header");
        }
        if (!HEADER_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("header " + name + " must be one line of printable ASCII");
        }
    }
}
