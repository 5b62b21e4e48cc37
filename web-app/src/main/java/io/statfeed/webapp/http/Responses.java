package io.statfeed.webapp.http;

import io.javalin.http.Context;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.ImageFormat;

/** Writing presenter output to the response. */
public final class Responses {
    public static final String JSON = "application/json;charset=utf-8";
    public static final String HTML = "text/html;charset=utf-8";
    public static final String CSV = "text/csv;charset=utf-8";
    /** Graphs change every interval; a short cache spares a dashboard's reload without showing stale data long. */
    private static final String IMAGE_CACHE = "max-age=30";
    private static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private Responses() {
    }

    public static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    public static void html(Context ctx, String body) {
        html(ctx, 200, body);
    }

    /**
     * A page, with headers that keep it from being framed or sniffed, scripts and styles to this
     * site's own, and share tokens in addresses from leaking to other sites through Referer.
     */
    public static void html(Context ctx, int status, String body) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.status(status).contentType(HTML).result(body);
    }

    /**
     * @param shared whether caches between here and the viewer may keep it: only for public and
     *               share-tokened graphs, never for a signed-in owner's private one
     */
    public static void image(Context ctx, GraphImage image, boolean shared) {
        ctx.header("Cache-Control", (shared ? "public, " : "private, ") + IMAGE_CACHE);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (image.format() == ImageFormat.SVG) {
            // Opened on its own an SVG is a document of this site: it may style itself, nothing more.
            ctx.header("Content-Security-Policy", SVG_POLICY);
        }
        ctx.status(200).contentType(image.format().contentType()).result(image.bytes());
    }

    /** After a form post: back to a page (303, so that reloading does not post again). */
    public static void seeOther(Context ctx, String location) {
        ctx.header("Location", location).status(303);
    }
}
