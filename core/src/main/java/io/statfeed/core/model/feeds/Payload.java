package io.statfeed.core.model.feeds;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The few named strings a reader needs to show an activity (a stat's name, an annotation's text,
 * an alert's condition and value). Stored form-encoded, which any language decodes, so that
 * storage needs no JSON library.
 */
public record Payload(Map<String, String> fields) {
    public static final int MAX_ENCODED_LENGTH = 2000;

    public Payload {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Payload of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Payload(fields);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public String encoded() {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        if (out.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("an activity's payload is " + out.length() + " characters encoded; at most "
                    + MAX_ENCODED_LENGTH + " fit");
        }
        return out.toString();
    }

    public static Payload decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return new Payload(fields);
    }
}
