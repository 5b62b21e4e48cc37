package io.statfeed.presenters.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.interactor.stats.SearchStats.StatList;
import io.statfeed.interactor.stats.SearchStats.StatSummary;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import java.util.List;
import java.util.Map;

/** The stats list as HTML ({@code stats.html}) and JSON. */
public final class StatListPresenter {
    private final Templates templates;

    public StatListPresenter(Templates templates) {
        this.templates = templates;
    }

    /** A row of the list, with its sparkline's address. */
    public record Row(String id, String name, boolean counter, boolean isPublic, String url, String sparkUrl) {
    }

    public record ListView(String query, List<Row> rows, String nextUrl, String previousUrl, boolean empty,
                           String firstPost) {
    }

    /** @param firstPost the curl line that sends a first stat, shown when there is none yet */
    public String html(StatList list, Chrome chrome, String firstPost) {
        return html(list, chrome, firstPost, java.util.Set.of());
    }

    /** @param starred the ids of the listed stats the visitor has starred for their reports */
    public String html(StatList list, Chrome chrome, String firstPost, java.util.Set<Long> starred) {
        List<Row> rows = list.stats().stream()
                .map(s -> new Row(Long.toString(s.id()), s.name(), s.counter(), s.isPublic(), "/stats/" + s.id(),
                        "/stats/" + s.id() + "/graph.png?tf=1d&style=spark&w=120&h=28"))
                .toList();
        java.util.Set<String> starredIds = starred.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        return templates.render("stats", Map.of("chrome", chrome, "starred", starredIds, "list", new ListView(list.query(), rows,
                list.more() ? pageUrl("", list.query(), list.offset() + SearchStats.PAGE_SIZE) : null,
                list.offset() > 0 ? pageUrl("", list.query(), Math.max(0, list.offset() - SearchStats.PAGE_SIZE)) : null,
                rows.isEmpty() && list.query().isEmpty() && list.offset() == 0, firstPost)));
    }

    public String json(StatList list, Links links) {
        List<StatJson> stats = list.stats().stream().map(s -> StatJson.of(s, links)).toList();
        return Json.write(new ListJson(list.query(), stats,
                list.more() ? pageUrl(links.base(), list.query(), list.offset() + SearchStats.PAGE_SIZE) : null));
    }

    private record ListJson(String query, List<StatJson> stats, String next) {
    }

    private record StatJson(String id, String name, boolean counter, @JsonProperty("public") boolean isPublic,
                            String url) {
        static StatJson of(StatSummary stat, Links links) {
            return new StatJson(Long.toString(stat.id()), stat.name(), stat.counter(), stat.isPublic(),
                    links.statPage(stat.id()));
        }
    }

    private static String pageUrl(String base, String query, int offset) {
        return base + "/stats?" + (query.isEmpty() ? "" : "q=" + Links.encode(query) + "&") + "offset=" + offset;
    }
}
