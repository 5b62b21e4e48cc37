package io.statfeed.apiserver.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Forms as StatHat clients really send them. Some never URL-encode, so raw spaces and raw UTF-8
 * arrive as they are; a '%' that starts no escape is kept as a character instead of failing the
 * request. Only the fields the ingest API knows are kept.
 */
final class FormFields {
    static final Set<String> KNOWN = Set.of("ezkey", "stat", "count", "value", "t", "ukey", "key");

    private FormFields() {
    }

    /** Fields of the query string and the body; the body wins where both name a field. */
    static Map<String, String> of(String query, byte[] body) {
        Map<String, String> fields = new HashMap<>();
        if (body != null && body.length > 0) {
            parseInto(new String(body, StandardCharsets.UTF_8), fields);
        }
        if (query != null && !query.isEmpty()) {
            parseInto(query, fields);
        }
        return fields;
    }

    private static void parseInto(String form, Map<String, String> fields) {
        int start = 0;
        int length = form.length();
        while (start <= length) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            int equals = form.indexOf('=', start);
            if (equals > start && equals < end) {
                String name = decode(form, start, equals).strip();
                if (KNOWN.contains(name)) {
                    fields.putIfAbsent(name, stripLineEnd(decode(form, equals + 1, end)));
                }
            }
            start = end + 1;
        }
    }

    /** Clients that write the body with a trailing newline should not get it in their value. */
    private static String stripLineEnd(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        return value.substring(0, end);
    }

    private static String decode(String s, int from, int to) {
        StringBuilder out = null;
        ByteArrayOutputStream bytes = null;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                if (out == null) {
                    out = new StringBuilder(to - from).append(s, from, i);
                }
                if (bytes == null) {
                    bytes = new ByteArrayOutputStream();
                }
                bytes.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (bytes != null && bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            if (c == '+') {
                if (out == null) {
                    out = new StringBuilder(to - from).append(s, from, i);
                }
                out.append(' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        if (out == null) {
            return s.substring(from, to);
        }
        if (bytes != null && bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
