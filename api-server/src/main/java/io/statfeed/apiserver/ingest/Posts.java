package io.statfeed.apiserver.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.statfeed.core.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what StatHat clients post into data points: the /ez form (or query string), the /ez JSON
 * batch, and the classic /c and /v forms. Per-point problems become rejections; problems with
 * the request as a whole throw {@link InvalidInputException}.
 */
public final class Posts {
    /** The most data points one JSON batch may carry. */
    public static final int MAX_BATCH_POINTS = 1_000;
    private static final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(64)
                    .build())
            .build();

    /** An /ez post: the account's key and its points. */
    public record EzPost(String ezkey, List<PostedPoint> points, List<Rejection> rejections) {
    }

    /** A /c or /v post: the account's ukey (optional with a per-stat key) and one point. */
    public record ClassicPost(String ukey, PostedPoint point) {
    }

    private Posts() {
    }

    /** An /ez post from form fields (body and query string merged). */
    public static EzPost ezForm(Map<String, String> fields) {
        String ezkey = required(fields, "ezkey");
        String stat = required(fields, "stat");
        return new EzPost(ezkey, List.of(point(0, stat, fields)), List.of());
    }

    /** A /c or /v post from form fields: {@code key} is the per-stat key. */
    public static ClassicPost classicForm(Map<String, String> fields, boolean counter) {
        String key = required(fields, "key");
        String amountField = counter ? "count" : "value";
        String amount = fields.get(amountField);
        if (amount == null) {
            throw new InvalidInputException(amountField + " is missing");
        }
        PostedPoint point = new PostedPoint(0, key, counter, Numbers.parse(amountField, amount), time(fields));
        return new ClassicPost(fields.get("ukey"), point);
    }

    /**
     * An /ez JSON batch: {@code {"ezkey":"KEY","data":[{"stat":"s","count":1,"t":1363118126}, ...]}}.
     * Numbers may also come as strings, as some clients send them.
     */
    public static EzPost ezJson(byte[] body) {
        String ezkey = null;
        List<PostedPoint> points = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        boolean sawData = false;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("the JSON body must be an object with ezkey and data");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("ezkey".equals(field)) {
                    if (token != JsonToken.VALUE_STRING) {
                        throw new InvalidInputException("ezkey must be a string");
                    }
                    ezkey = parser.getText();
                } else if ("data".equals(field)) {
                    if (token != JsonToken.START_ARRAY) {
                        throw new InvalidInputException("data must be an array of data points");
                    }
                    sawData = true;
                    readData(parser, points, rejections);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new InvalidInputException("the JSON body has content after its object");
            }
        } catch (IOException e) {
            throw new InvalidInputException("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (ezkey == null || ezkey.isBlank()) {
            throw new InvalidInputException("ezkey is missing");
        }
        if (!sawData) {
            throw new InvalidInputException("data is missing: send an array of data points");
        }
        return new EzPost(ezkey, points, rejections);
    }

    private static void readData(JsonParser parser, List<PostedPoint> points, List<Rejection> rejections)
            throws IOException {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new InvalidInputException("malformed JSON: data is not closed");
            }
            if (index >= MAX_BATCH_POINTS) {
                throw new PayloadTooLargeException("a batch may hold at most " + MAX_BATCH_POINTS + " data points");
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                rejections.add(new Rejection(index++, 400, "a data point must be an object"));
                continue;
            }
            try {
                points.add(readPoint(parser, index));
            } catch (InvalidInputException e) {
                skipRestOfObject(parser);
                rejections.add(new Rejection(index, 400, e.getMessage()));
            }
            index++;
        }
        if (index == 0) {
            throw new InvalidInputException("data is empty: send at least one data point");
        }
    }

    private static PostedPoint readPoint(JsonParser parser, int index) throws IOException {
        String stat = null;
        Double count = null;
        Double value = null;
        double time = PostedPoint.NOW;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "stat" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw new InvalidInputException("stat must be a string");
                    }
                    stat = parser.getText();
                }
                case "count" -> count = number(parser, token, "count");
                case "value" -> value = number(parser, token, "value");
                case "t" -> time = number(parser, token, "t");
                default -> parser.skipChildren();
            }
        }
        if (stat == null) {
            throw new InvalidInputException("stat is missing");
        }
        if ((count == null) == (value == null)) {
            throw new InvalidInputException(count == null
                    ? "send count or value" : "send count or value, not both");
        }
        return new PostedPoint(index, stat, count != null, count != null ? count : value, time);
    }

    private static double number(JsonParser parser, JsonToken token, String field) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> Numbers.parse(field, parser.getText());
            default -> {
                parser.skipChildren();
                throw new InvalidInputException(field + " must be a number");
            }
        };
    }

    private static void skipRestOfObject(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.END_OBJECT) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new InvalidInputException("malformed JSON: a data point is not closed");
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    private static PostedPoint point(int index, String stat, Map<String, String> fields) {
        String count = fields.get("count");
        String value = fields.get("value");
        if ((count == null) == (value == null)) {
            throw new InvalidInputException(count == null ? "count or value is missing" : "send count or value, not both");
        }
        boolean counter = count != null;
        double amount = Numbers.parse(counter ? "count" : "value", counter ? count : value);
        return new PostedPoint(index, stat, counter, amount, time(fields));
    }

    private static double time(Map<String, String> fields) {
        String t = fields.get("t");
        return t == null || t.isBlank() ? PostedPoint.NOW : Numbers.parse("t", t);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is missing");
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return Numbers.shorten(line.length() > 200 ? line.substring(0, 200) : line);
    }
}
