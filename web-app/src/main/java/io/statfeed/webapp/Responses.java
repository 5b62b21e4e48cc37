package io.statfeed.webapp;

import io.javalin.http.Context;

/** Writing presenter output to the response. */
final class Responses {
    static final String JSON = "application/json;charset=utf-8";

    private Responses() {
    }

    static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType(JSON).result(body);
    }
}
