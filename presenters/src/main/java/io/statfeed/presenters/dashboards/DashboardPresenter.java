package io.statfeed.presenters.dashboards;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Dashboard;
import io.statfeed.interactor.dashboards.OpenDashboard.DashboardPage;
import io.statfeed.interactor.dashboards.OpenDashboard.Tile;
import io.statfeed.interactor.stats.SearchStats.StatSummary;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import io.statfeed.presenters.stats.FrameChoice;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The dashboards list ({@code dashboards.html}) and one dashboard ({@code dashboard.html}), with JSON twins. */
public final class DashboardPresenter {
    /**
     * Tiles are drawn at this size: the width a tile has for its image in the two columns of a wide
     * window (statfeed.css .grid), so that the labels are neither shrunk nor blown up.
     */
    static final int TILE_WIDTH = 490;
    static final int TILE_HEIGHT = 180;

    private final Templates templates;

    public DashboardPresenter(Templates templates) {
        this.templates = templates;
    }

    public record Item(String id, String name, String url) {
    }

    public record TileView(String id, String name, String url, String headline, String change, String tone,
                           String pngUrl, boolean first, boolean last) {
    }

    public record Choice(String id, String name) {
    }

    public record PageView(String id, String name, String frame, List<FrameChoice> frames, List<TileView> tiles,
                           List<Choice> addable) {
    }

    public String listHtml(List<Dashboard> dashboards, Chrome chrome) {
        return templates.render("dashboards", Map.of("chrome", chrome, "dashboards",
                dashboards.stream().map(d -> new Item(Long.toString(d.id()), d.name(), "/dashboards/" + d.id())).toList()));
    }

    public String listJson(List<Dashboard> dashboards, Links links) {
        return Json.write(new ListJson(dashboards.stream()
                .map(d -> new Item(Long.toString(d.id()), d.name(), links.base() + "/dashboards/" + d.id())).toList()));
    }

    /**
     * @param ownStats the visitor's stats, offered for adding (those already on it are left out)
     * @param following whether the visitor follows the dashboard (its follow button)
     */
    public String pageHtml(DashboardPage page, List<StatSummary> ownStats, boolean following, Chrome chrome) {
        List<Tile> tiles = page.tiles();
        List<TileView> views = new java.util.ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            long id = tile.stat().id();
            views.add(new TileView(Long.toString(id), tile.stat().name(), "/stats/" + id + "?tf=" + Links.encode(page.frame()),
                    headline(tile), Formats.change(tile.summary().changePct()), tone(tile.summary()),
                    "/stats/" + id + "/graph.png?style=mini&w=" + TILE_WIDTH + "&h=" + TILE_HEIGHT + "&tf="
                            + Links.encode(page.frame()),
                    i == 0, i == tiles.size() - 1));
        }
        Set<Long> shown = tiles.stream().map(t -> t.stat().id()).collect(Collectors.toSet());
        List<Choice> addable = ownStats.stream().filter(s -> !shown.contains(s.id()))
                .map(s -> new Choice(Long.toString(s.id()), s.name())).toList();
        long id = page.dashboard().id();
        return templates.render("dashboard", Map.of("chrome", chrome, "following", following, "page",
                new PageView(Long.toString(id), page.dashboard().name(), page.frame(),
                        FrameChoice.all("/dashboards/" + id + "?tf=", page.frame()), views, addable)));
    }

    public String pageJson(DashboardPage page, Links links) {
        List<TileJson> tiles = page.tiles().stream().map(tile -> new TileJson(Long.toString(tile.stat().id()),
                tile.stat().name(), tile.stat().counter(), links.statPage(tile.stat().id()),
                tile.summary().points(), finite(tile.summary().total()), value(tile.summary().mean()),
                value(tile.summary().changePct()),
                links.statGraph(tile.stat().id(), page.frame(), "png"))).toList();
        return Json.write(new PageJson(Long.toString(page.dashboard().id()), page.dashboard().name(), page.frame(),
                tiles));
    }

    private static String headline(Tile tile) {
        Analysis.Summary s = tile.summary();
        return tile.stat().counter() ? Formats.number(s.total()) : Formats.number(s.mean());
    }

    private static String tone(Analysis.Summary s) {
        if (s.changePct().isEmpty() || s.changePct().getAsDouble() == 0) {
            return "";
        }
        return s.changePct().getAsDouble() > 0 ? "up" : "down";
    }

    private record ListJson(List<Item> dashboards) {
    }

    private record PageJson(String id, String name, String timeframe, List<TileJson> stats) {
    }

    private record TileJson(String id, String name, boolean counter, String url, long points, Double total,
                            Double mean, @com.fasterxml.jackson.annotation.JsonProperty("change_pct") Double changePct,
                            String png) {
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double value(java.util.OptionalDouble value) {
        return value.isPresent() ? finite(value.getAsDouble()) : null;
    }
}
