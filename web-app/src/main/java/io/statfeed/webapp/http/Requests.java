package io.statfeed.webapp.http;

import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.http.RequestBodies;
import io.statfeed.http.UnreadableBodyException;
import io.statfeed.interactor.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;

/** Reading request parts defensively: every malformed part becomes an {@link InvalidInputException} naming it. */
public final class Requests {
    /** A sign-up or settings form is a few hundred bytes; nothing a human posts here needs more. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Ids are positive longs: up to 19 digits, the largest beyond a long naming nothing. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final int MAX_SHOWN = 40;
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final String BODY_ATTRIBUTE = "statfeed.body";
    private static final String FORM_ATTRIBUTE = "statfeed.form";

    private Requests() {
    }

    /** The body bytes, at most {@link #MAX_BODY_BYTES}; longer bodies, declared or streamed, are refused. */
    public static byte[] body(Context ctx) {
        Object read = ctx.attribute(BODY_ATTRIBUTE);
        if (read instanceof byte[] bytes) {
            return bytes;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = RequestBodies.read(in, declared, MAX_BODY_BYTES);
            ctx.attribute(BODY_ATTRIBUTE, bytes); // the stream can be read once; the form and the CSRF guard both ask
            return bytes;
        } catch (IOException | BadMessageException e) {
            throw UnreadableBodyException.of(e, declared); // malformed, cut short or too slow: the client's doing
        }
    }

    /** Refuses a body declared as anything but JSON; a missing Content-Type is read as JSON. */
    public static void requireJsonContentType(Context ctx) {
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
    public static Optional<String> query(Context ctx, String name) {
        List<String> values = queryAll(ctx, name);
        if (values.size() > 1) {
            throw new InvalidInputException(name + " is given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst().filter(value -> !value.isEmpty());
    }

    /** Every value of a query parameter that may repeat ({@code ids=1&ids=2}). */
    public static List<String> queryAll(Context ctx, String name) {
        String raw = ctx.queryString();
        if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
            // Left alone, the servlet layer would drop the parameter and the request would mean something else.
            throw new InvalidInputException("the query string is not valid URL encoding (a '%' must start %XX)");
        }
        try {
            return ctx.queryParams(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the query string is not valid URL encoding");
        }
    }

    /**
     * A form field given at most once; an empty value counts as absent. The body's size is capped
     * by the server's maximum request size, so a form is never read without bound.
     */
    public static Optional<String> form(Context ctx, String name) {
        List<String> values = formFields(ctx).getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new InvalidInputException(name + " is given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst().filter(value -> !value.isEmpty());
    }

    /** Every field of the form, each given at most once (empty values count as absent). */
    public static Map<String, String> formMap(Context ctx) {
        Map<String, String> fields = new HashMap<>();
        for (String name : formFields(ctx).keySet()) {
            form(ctx, name).ifPresent(value -> fields.put(name, value));
        }
        return fields;
    }

    /**
     * The form's fields, read once per request. The body is read here within {@link #MAX_BODY_BYTES}
     * however it is sent (a chunked body declares no length), and decoded strictly: a malformed
     * escape is refused, where a lenient parser would drop the field and the form would mean
     * something else. Pages post url-encoded forms only; a multipart body is refused rather than
     * spooled to disk.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> formFields(Context ctx) {
        Object parsed = ctx.attribute(FORM_ATTRIBUTE);
        if (parsed != null) {
            return (Map<String, List<String>>) parsed;
        }
        if (ctx.isMultipartFormData()) {
            throw new InvalidInputException("send the form as application/x-www-form-urlencoded, not multipart");
        }
        Map<String, List<String>> fields = urlEncoded(new String(body(ctx), StandardCharsets.UTF_8));
        ctx.attribute(FORM_ATTRIBUTE, fields);
        return fields;
    }

    private static Map<String, List<String>> urlEncoded(String text) {
        if (BAD_ESCAPE.matcher(text).find()) {
            throw new InvalidInputException("the form is not valid URL encoding (a '%' must start %XX)");
        }
        Map<String, List<String>> fields = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    /** A form field that must be there. */
    public static String requiredForm(Context ctx, String name, String meaning) {
        return form(ctx, name).orElseThrow(() -> new InvalidInputException(name + " is missing: " + meaning));
    }

    /**
     * A numeric id in the path ({@code .json} suffix allowed); text that is no id names nothing,
     * so it is "not found" rather than a malformed request.
     */
    public static long pathId(Context ctx, String name, String what) {
        String text = Negotiation.pathId(ctx, name);
        return id(text).orElseThrow(() -> new NotFoundException("no " + what + " with id " + shown(text)));
    }

    /** A numeric id in a form field, e.g. the stat chosen to add to a dashboard. */
    public static long formId(Context ctx, String name, String what) {
        String text = requiredForm(ctx, name, "choose a " + what).strip();
        return id(text).orElseThrow(() -> new InvalidInputException(name + " must be a " + what + " id, got "
                + shown(text)));
    }

    /** Text that is an id, if it is one. */
    public static Optional<Long> id(String text) {
        if (!ID.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) { // 19 digits beyond Long.MAX_VALUE
            return Optional.empty();
        }
    }

    public static String path(Context ctx, String name) {
        try {
            return ctx.pathParam(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("the path is not valid URL encoding");
        }
    }

    public static Optional<Long> wholeNumber(Context ctx, String name, String meaning) {
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

    public static int offset(Context ctx) {
        long offset = wholeNumber(ctx, "offset", "stats to skip").orElse(0L);
        if (offset > Integer.MAX_VALUE || offset < Integer.MIN_VALUE) {
            throw new InvalidInputException("offset must be between 0 and " + Integer.MAX_VALUE + ", got " + offset);
        }
        return (int) offset;
    }

    public static String shown(String raw) {
        String cut = raw.length() > MAX_SHOWN ? raw.substring(0, MAX_SHOWN) + "..." : raw;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** The body is larger than {@link #MAX_BODY_BYTES}. */
    public static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(long declared) {
            super("request body is larger than " + MAX_BODY_BYTES + " bytes"
                    + (declared > 0 ? " (Content-Length " + declared + ")" : ""));
        }
    }
}
