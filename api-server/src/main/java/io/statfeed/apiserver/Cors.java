package io.statfeed.apiserver;

import io.javalin.Javalin;

/**
 * Per-stat keys exist so a web page can post to one stat, so browsers on any origin may call
 * the ingest endpoints. No cookies are involved, so allowing every origin gives nothing away.
 * Answers carry the allow-origin header themselves; this answers the preflight of JSON posts.
 */
final class Cors {
    private Cors() {
    }

    static void register(Javalin app) {
        app.options("/*", ctx -> {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type");
            ctx.header("Access-Control-Max-Age", "86400");
            ctx.status(204);
        });
    }
}
