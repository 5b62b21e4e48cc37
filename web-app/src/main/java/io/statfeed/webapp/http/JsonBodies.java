package io.statfeed.webapp.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Request bodies of the JSON API, read strictly: a duplicated key or trailing text is refused,
 * where a lenient parser would pick one meaning for the caller.
 */
public final class JsonBodies {
    private static final int MAX_PARSER_MESSAGE = 160;
    private static final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {
    }

    /** The body as a JSON object; {@code example} shows in the message when it is anything else. */
    public static JsonNode object(Context ctx, String example) {
        Requests.requireJsonContentType(ctx);
        byte[] bytes = Requests.body(ctx);
        if (bytes.length == 0) {
            throw new InvalidInputException("request body is empty; send " + example);
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request body is not valid JSON: " + parserMessage(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("request body must be a JSON object such as " + example);
        }
        return node;
    }

    /** A string field, or null when absent (the use case names what is missing). */
    public static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field + " must be a JSON string");
        }
        return value.textValue();
    }

    /**
     * The fields of a JSON object or of a url-encoded form, whichever was sent, each as text:
     * StatHat's API took forms, scripts written since send JSON. Numbers and booleans are taken as
     * they are written; an array or object as a field's value is refused.
     */
    public static Map<String, String> fields(Context ctx, String example) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return Requests.formMap(ctx);
        }
        Map<String, String> fields = new HashMap<>();
        object(ctx, example).fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw new InvalidInputException(field.getKey() + " must be a string, a number or a boolean");
            }
            if (!value.isNull()) {
                fields.put(field.getKey(), value.isTextual() ? value.textValue() : value.asText());
            }
        });
        return fields;
    }

    private static String parserMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.length() > MAX_PARSER_MESSAGE ? message.substring(0, MAX_PARSER_MESSAGE) + "..." : message;
    }
}
