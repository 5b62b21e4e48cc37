package io.statfeed.webapp;

import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading request parts defensively: every malformed part becomes an {@link InvalidInputException} naming it. */
final class Requests {
    /** A sign-up or settings form is a few hundred bytes; nothing a human posts here needs more. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final int MAX_SHOWN = 40;
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private Requests() {
    }

    /** The body bytes, at most {@link #MAX_BODY_BYTES}; longer bodies, declared or streamed, are refused. */
    static byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BodyTooLargeException(-1);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    /** Refuses a body declared as anything but JSON; a missing Content-Type is read as JSON. */
    static void requireJsonContentType(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || type.isBlank()) {
            return;
        }
        String mime = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !mime.endsWith("+json")) {
            throw new InvalidInputException("Content-Type must be application/json, got " + shown(type));
        }
    }

    /** A query parameter given at most once; an empty value counts as absent. */
    static Optional<String> query(Context ctx, String name) {
        String raw = ctx.queryString();
        if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
            // Left alone, the servlet layer would drop the parameter and the request would mean something else.
            throw new InvalidInputException("the query string is not valid URL encoding (a '%' must start %XX)");
        }
        List<String> values;
        try {
            values = ctx.queryParams(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the query string is not valid URL encoding");
        }
        if (values.size() > 1) {
            throw new InvalidInputException(name + " is given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst().filter(value -> !value.isEmpty());
    }

    static String path(Context ctx, String name) {
        try {
            return ctx.pathParam(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the path is not valid URL encoding");
        }
    }

    static Optional<Long> wholeNumber(Context ctx, String name, String meaning) {
        return query(ctx, name).map(raw -> {
            String text = raw.strip();
            if (WHOLE_NUMBER.matcher(text).matches()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException ignored) {
                    // 19 digits beyond the range of long: same answer as any other non-number
                }
            }
            throw new InvalidInputException(name + " must be a whole number of " + meaning + ", got " + shown(raw));
        });
    }

    static int offset(Context ctx) {
        long offset = wholeNumber(ctx, "offset", "stats to skip").orElse(0L);
        if (offset > Integer.MAX_VALUE || offset < Integer.MIN_VALUE) {
            throw new InvalidInputException("offset must be between 0 and " + Integer.MAX_VALUE + ", got " + offset);
        }
        return (int) offset;
    }

    static String shown(String raw) {
        String cut = raw.length() > MAX_SHOWN ? raw.substring(0, MAX_SHOWN) + "..." : raw;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** The body is larger than {@link #MAX_BODY_BYTES}. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(long declared) {
            super("request body is larger than " + MAX_BODY_BYTES + " bytes"
                    + (declared > 0 ? " (Content-Length " + declared + ")" : ""));
        }
    }
}
