package io.statfeed.webapp.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * HTML or JSON, decided in one place: the JSON twin of any page is the same URL with a
 * {@code .json} suffix or with {@code Accept: application/json}.
 */
public final class Negotiation {
    public static final String JSON_SUFFIX = ".json";

    private Negotiation() {
    }

    public static boolean wantsJson(Context ctx) {
        if (ctx.path().endsWith(JSON_SUFFIX)) {
            return true;
        }
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int json = lower.indexOf("application/json");
        int html = lower.indexOf("text/html");
        return json >= 0 && (html < 0 || json < html);
    }

    /** Whether an error should be a page: a browser navigating, not a script, an image tag or an API client. */
    public static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html") && !wantsJson(ctx)
                && !ctx.path().startsWith("/x/") && !ctx.path().startsWith("/api/");
    }

    /** A path parameter without the JSON suffix: {@code /stats/42.json} names stat 42. */
    public static String pathId(Context ctx, String name) {
        String value = Requests.path(ctx, name);
        return value.endsWith(JSON_SUFFIX) ? value.substring(0, value.length() - JSON_SUFFIX.length()) : value;
    }
}
