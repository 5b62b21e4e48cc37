package io.statfeed.channels.mail;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A picture shown inside a mail's HTML, referenced there as {@code <img src="cid:CONTENT_ID">}.
 * The bytes are copied on the way in; treat {@link #bytes()} as read-only.
 */
public record InlineImage(String contentId, String mimeType, byte[] bytes) {
    /** Goes inside {@code Content-ID: <...>} and a {@code cid:} URL, so no brackets, spaces or quotes. */
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._@=+-]{1,200}");

    public InlineImage {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(bytes, "bytes");
        if (!CONTENT_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException("an inline image's content id must be 1-200 of A-Z a-z 0-9 . _ @ = + -, got '"
                    + contentId + "'");
        }
        if (!mimeType.matches("image/[A-Za-z0-9.+-]+")) {
            throw new IllegalArgumentException("an inline image's type must be image/..., got '" + mimeType + "'");
        }
        bytes = bytes.clone();
    }
}
