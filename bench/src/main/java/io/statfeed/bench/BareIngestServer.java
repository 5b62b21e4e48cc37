package io.statfeed.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The ingest benchmark's baseline: a bare Javalin server that parses the same requests as the
 * api-server (form fields, JSON batches) and answers the same JSON, but checks no key and stores
 * nothing. {@code scripts/bench-ingest} runs it in a JVM of its own with the api-server's options.
 */
public final class BareIngestServer {
    private static final byte[] OK = "{\"status\":200,\"msg\":\"ok\"}".getBytes();
    private static final JsonFactory json = new JsonFactory();
    private static volatile double sink;

    private BareIngestServer() {
    }

    public static void main(String[] args) {
        start(Integer.parseInt(args[0]));
    }

    static Javalin start(int port) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.post("/c", ctx -> form(ctx, "key", "count"));
        app.post("/v", ctx -> form(ctx, "key", "value"));
        app.post("/ez", ctx -> {
            if (ctx.contentType() != null && ctx.contentType().contains("json")) {
                batch(ctx);
            } else {
                form(ctx, "stat", ctx.formParam("count") != null ? "count" : "value");
            }
        });
        app.get("/healthz", ctx -> ctx.result(OK));
        return app.start(port);
    }

    private static void form(Context ctx, String nameField, String amountField) {
        String amount = ctx.formParam(amountField);
        if (ctx.formParam(nameField) == null || amount == null) {
            ctx.status(400);
            return;
        }
        sink += Double.parseDouble(amount);
        ctx.contentType("application/json").result(OK);
    }

    private static void batch(Context ctx) throws IOException {
        double total = 0;
        try (JsonParser parser = json.createParser(ctx.bodyAsBytes())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    total += parser.getDoubleValue();
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getText();
                }
            }
        }
        sink += total;
        ctx.contentType("application/json").result(OK);
    }
}
