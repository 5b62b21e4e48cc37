package io.statfeed.presenters.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.interactor.stats.CompareStats.Compared;
import io.statfeed.interactor.stats.CompareStats.Comparison;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An overlay of several stats as HTML ({@code compare.html}) and JSON. */
public final class ComparisonPresenter {
    private final Templates templates;

    public ComparisonPresenter(Templates templates) {
        this.templates = templates;
    }

    public record Row(String id, String name, String url, String kind, String headline, String change, String tone) {
    }

    public record CompareView(String frame, List<FrameChoice> frames, String pngUrl, String jsonUrl, List<Row> rows) {
    }

    public String html(Comparison comparison, Chrome chrome) {
        String ids = ids(comparison);
        String frame = comparison.window().key();
        List<Row> rows = comparison.stats().stream().map(ComparisonPresenter::row).toList();
        return templates.render("compare", Map.of("chrome", chrome, "compare", new CompareView(frame,
                FrameChoice.all("/compare?ids=" + ids + "&tf=", frame),
                "/compare/graph.png?ids=" + ids + "&style=line&tf=" + Links.encode(frame) + PageGraph.size(),
                "/compare.json?ids=" + ids + "&tf=" + Links.encode(frame), rows)));
    }

    public String json(Comparison comparison, Links links) {
        String ids = ids(comparison);
        String frame = comparison.window().key();
        List<StatJson> stats = comparison.stats().stream().map(c -> new StatJson(Long.toString(c.stat().id()),
                c.stat().name(), c.stat().counter(), links.statPage(c.stat().id()), summary(c.summary()),
                StatPagePresenter.points(c.points()))).toList();
        String graph = links.base() + "/compare/graph.%s?ids=" + ids + "&style=line&tf=" + Links.encode(frame);
        return Json.write(new ComparisonJson(frame, comparison.window().intervalSeconds(),
                new WindowJson(comparison.window().start(), comparison.window().end()), stats,
                new GraphJson(String.format(graph, "png"), String.format(graph, "svg"))));
    }

    private static Row row(Compared compared) {
        Analysis.Summary s = compared.summary();
        boolean counter = compared.stat().counter();
        String headline = counter ? "total " + Formats.number(s.total()) : "mean " + Formats.number(s.mean());
        String tone = s.changePct().isEmpty() || s.changePct().getAsDouble() == 0 ? ""
                : s.changePct().getAsDouble() > 0 ? "up" : "down";
        return new Row(Long.toString(compared.stat().id()), compared.stat().name(), "/stats/" + compared.stat().id(),
                counter ? "counter" : "value", headline, Formats.change(s.changePct()), tone);
    }

    private static String ids(Comparison comparison) {
        return comparison.stats().stream().map(c -> Long.toString(c.stat().id())).collect(Collectors.joining(","));
    }

    private static SummaryJson summary(Analysis.Summary s) {
        return new SummaryJson(s.points(), StatPagePresenter.finite(s.total()), StatPagePresenter.value(s.mean()),
                StatPagePresenter.value(s.min()), StatPagePresenter.value(s.max()), StatPagePresenter.value(s.stddev()),
                StatPagePresenter.value(s.previous()), StatPagePresenter.value(s.changePct()));
    }

    private record ComparisonJson(String timeframe, @JsonProperty("interval_seconds") long intervalSeconds,
                                  WindowJson window, List<StatJson> stats, GraphJson graph) {
    }

    private record WindowJson(long start, long end) {
    }

    private record GraphJson(String png, String svg) {
    }

    private record StatJson(String id, String name, boolean counter, String url, SummaryJson summary,
                            List<?> points) {
    }

    private record SummaryJson(long points, Double total, Double mean, Double min, Double max, Double stddev,
                               Double previous, @JsonProperty("change_pct") Double changePct) {
    }
}
