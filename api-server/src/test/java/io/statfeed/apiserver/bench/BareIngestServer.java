package io.statfeed.apiserver.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The benchmark's baseline: a bare Javalin server that parses the same requests as the
 * api-server (form fields, JSON batches) and answers the same JSON, but stores nothing.
 */
final class BareIngestServer {
    private static final byte[] OK = "{\"status\":200,\"msg\":\"ok\"}".getBytes();
    private static final JsonFactory json = new JsonFactory();
    private static volatile double sink;

    private BareIngestServer() {
    }

    static Javalin start(int port) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.post("/c", BareIngestServer::form);
        app.post("/ez", ctx -> {
            if (ctx.contentType() != null && ctx.contentType().contains("json")) {
                batch(ctx);
            } else {
                form(ctx);
            }
        });
        return app.start(port);
    }

    private static void form(Context ctx) {
        String amount = ctx.formParam("count");
        if (ctx.formParam("key") == null && ctx.formParam("stat") == null || amount == null) {
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
