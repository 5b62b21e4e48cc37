package io.statfeed.webapp.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.presenters.json.AccountJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Account routes of the JSON API. */
public final class AccountRoutes {
    private static final int MAX_PARSER_MESSAGE = 160;
    private static final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final SignUp signUp;

    public AccountRoutes(SignUp signUp) {
        this.signUp = signUp;
    }

    public void addTo(Javalin app) {
        app.post("/api/v1/accounts", this::signUp);
    }

    private void signUp(Context ctx) {
        JsonNode body = jsonObject(ctx);
        SignUp.SignedUp signedUp = signUp.signUp(text(body, "email"), text(body, "password"), ctx.ip());
        Responses.json(ctx, 201, AccountJson.signedUp(signedUp));
    }

    private static JsonNode jsonObject(Context ctx) {
        Requests.requireJsonContentType(ctx);
        byte[] bytes = Requests.body(ctx);
        if (bytes.length == 0) {
            throw new InvalidInputException("request body is empty; send {\"email\":\"...\",\"password\":\"...\"}");
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
            throw new InvalidInputException("request body must be a JSON object such as "
                    + "{\"email\":\"...\",\"password\":\"...\"}");
        }
        return node;
    }

    /** A string field, or null when absent (the use case names what is missing). */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field + " must be a JSON string");
        }
        return value.textValue();
    }

    private static String parserMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.length() > MAX_PARSER_MESSAGE ? message.substring(0, MAX_PARSER_MESSAGE) + "..." : message;
    }
}
