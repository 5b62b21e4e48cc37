package io.statfeed.webapp.bench;

import io.javalin.Javalin;
import java.util.Map;

/**
 * The baseline: a bare Javalin server answering the same paths with the same bytes the web-app
 * gave (recorded once), computing nothing. What is left of a request's time against it is HTTP on
 * loopback, Jetty, the client and the machine's load.
 */
final class ReplayServer {
    private ReplayServer() {
    }

    static Javalin start(Map<String, BenchBrowser.Response> recorded) {
        Map<String, BenchBrowser.Response> answers = Map.copyOf(recorded);
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/*", ctx -> {
            String key = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            BenchBrowser.Response answer = answers.get(key);
            if (answer == null) {
                ctx.status(404).result("not recorded: " + key);
                return;
            }
            ctx.contentType(answer.contentType()).result(answer.body());
        });
        return app.start("127.0.0.1", 0);
    }
}
