package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.stats.DrawEmbeddedGraph;
import io.statfeed.interactor.stats.ViewStat;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.stats.StatPagePresenter;
import io.statfeed.webapp.http.GraphParams;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What other sites and mails use: {@code /embed.js} (StatHat's {@code StatHatEmbed.render}), graph
 * images by embed key ({@code s1}, {@code s2}, ...: share tokens or public stats' ids), and the
 * read-only page a share link opens ({@code /s/TOKEN}).
 */
public final class EmbedRoutes {
    private static final String SCRIPT_RESOURCE = "/static/embed.js";
    private static final String SCRIPT_TYPE = "text/javascript;charset=utf-8";
    private static final int MAX_KEYS_READ = DrawEmbeddedGraph.MAX_KEYS + 1;

    private final PageSupport pages;
    private final DrawEmbeddedGraph drawEmbeddedGraph;
    private final ViewStat viewStat;
    private final StatPagePresenter presenter;
    private final byte[] script;

    public EmbedRoutes(PageSupport pages, DrawEmbeddedGraph drawEmbeddedGraph, ViewStat viewStat,
                       StatPagePresenter presenter) {
        this.pages = pages;
        this.drawEmbeddedGraph = drawEmbeddedGraph;
        this.viewStat = viewStat;
        this.presenter = presenter;
        this.script = resource(SCRIPT_RESOURCE);
    }

    public void addTo(Javalin app) {
        app.get("/embed.js", ctx -> {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType(SCRIPT_TYPE).result(script);
        });
        app.get("/embed/graph.png", ctx -> graph(ctx, ImageFormat.PNG));
        app.get("/embed/graph.svg", ctx -> graph(ctx, ImageFormat.SVG));
        app.get("/embed/open", ctx -> Responses.seeOther(ctx, "/s/" + Links.encode(firstKey(ctx))));
        app.get("/s/{token}", this::sharedPage);
    }

    private void graph(Context ctx, ImageFormat format) {
        // Cross-site by design: any page may show a shared graph, and caches may keep it briefly.
        ctx.header("Access-Control-Allow-Origin", "*");
        Responses.image(ctx, drawEmbeddedGraph.draw(keys(ctx), GraphParams.spec(ctx, format, GraphStyle.FILL)), true);
    }

    private void sharedPage(Context ctx) {
        ViewStat.StatPage page = viewStat.viewShared(Negotiation.pathId(ctx, "token"),
                Requests.query(ctx, "tf").orElse(""));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.json(page, pages.links(ctx)));
        } else {
            Responses.html(ctx, presenter.html(page, pages.chrome(ctx, "shared"), pages.links(ctx), List.of()));
        }
    }

    /** s1, s2, ... in order, stopping at the first gap, as StatHat's embeds number them. */
    private static List<String> keys(Context ctx) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= MAX_KEYS_READ; i++) {
            var key = Requests.query(ctx, "s" + i);
            if (key.isEmpty()) {
                break;
            }
            keys.add(key.get());
        }
        return keys;
    }

    private static String firstKey(Context ctx) {
        return Requests.query(ctx, "s1").orElseThrow(() -> new InvalidInputException(
                "s1 is missing: name the stat to open (a share token or a public stat's id)"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = EmbedRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path; the build packs static/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
