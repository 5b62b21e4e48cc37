package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.stats.CompareStats;
import io.statfeed.interactor.stats.DrawComparison;
import io.statfeed.presenters.stats.ComparisonPresenter;
import io.statfeed.webapp.http.GraphParams;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import java.util.Arrays;
import java.util.List;

/** Several stats laid over each other: {@code /compare?ids=1,2,3&tf=1w} (or {@code ids} repeated, as a form sends it). */
public final class CompareRoutes {
    /** Enough for the most stats one overlay takes, and no more: the list is read before it is checked. */
    private static final int MAX_IDS_TEXT = 1_000;

    private final PageSupport pages;
    private final CompareStats compareStats;
    private final DrawComparison drawComparison;
    private final ComparisonPresenter presenter;

    public CompareRoutes(PageSupport pages, CompareStats compareStats, DrawComparison drawComparison,
                         ComparisonPresenter presenter) {
        this.pages = pages;
        this.compareStats = compareStats;
        this.drawComparison = drawComparison;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/compare", this::page);
        app.get("/compare.json", this::page);
        app.get("/compare/graph.png", ctx -> graph(ctx, ImageFormat.PNG));
        app.get("/compare/graph.svg", ctx -> graph(ctx, ImageFormat.SVG));
    }

    private void page(Context ctx) {
        CompareStats.Comparison comparison = compareStats.compare(pages.visitor(ctx), ids(ctx),
                Requests.query(ctx, "tf").orElse(""));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, presenter.json(comparison, pages.links(ctx)));
        } else {
            Responses.html(ctx, presenter.html(comparison, pages.chrome(ctx, "stats")));
        }
    }

    private void graph(Context ctx, ImageFormat format) {
        Responses.image(ctx, drawComparison.draw(pages.visitor(ctx), ids(ctx),
                GraphParams.spec(ctx, format, GraphStyle.LINE)), false);
    }

    private static List<String> ids(Context ctx) {
        List<String> given = Requests.queryAll(ctx, "ids");
        if (given.stream().mapToInt(String::length).sum() > MAX_IDS_TEXT) {
            throw new InvalidInputException("ids is too long; at most " + CompareStats.MAX_STATS
                    + " stats can be compared at once");
        }
        return given.stream().flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::strip).filter(id -> !id.isEmpty()).toList();
    }
}
