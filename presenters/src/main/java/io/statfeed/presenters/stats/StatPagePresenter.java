package io.statfeed.presenters.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.alerts.StatAlerts;
import io.statfeed.interactor.stats.Point;
import io.statfeed.interactor.stats.ViewStat.StatPage;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A stat's page as HTML (template {@code stat.html}) and as its JSON twin, from the same {@link StatPage}. */
public final class StatPagePresenter {
    /** Data newer than this counts as live in the page's freshness line. */
    private static final long FRESH_SECONDS = 5 * 60;
    static final int MAX_ANOMALIES_SHOWN = 5;
    private static final long MILLIS_PER_SECOND = 1_000;

    private final Templates templates;

    public StatPagePresenter(Templates templates) {
        this.templates = templates;
    }

    /** @param dashboards the owner's dashboards, offered to add the stat to (empty for visitors) */
    public String html(StatPage page, Chrome chrome, Links links, List<Dashboard> dashboards) {
        return html(page, chrome, links, dashboards, false, StatAlerts.Alerts.NONE, false);
    }

    /** Annotations as the page lists them, newest first; {@code deletable} for the stat's own account. */
    public record AnnotationRow(String id, String time, String text) {
    }

    /** Whether the visitor follows the stat (its follow button), and its annotations in the window. */
    public record FeedView(boolean following, List<AnnotationRow> annotations) {
    }

    /** Whether the stat is starred for the visitor's reports: the star button of an owned stat. */
    public record StarView(boolean starred) {
    }

    /**
     * As the page of the stat's owner: whether they starred it (its star button shows which), and its
     * alerts, their latest transitions and a link to make one.
     */
    public String html(StatPage page, Chrome chrome, Links links, List<Dashboard> dashboards, boolean starred,
                       StatAlerts.Alerts alerts, boolean following) {
        Stat stat = page.stat();
        String frame = page.window().key();
        String embed = page.embedKey().map(key -> EmbedCode.html(links, key, frame)).orElse(null);
        String shareUrl = page.shareToken().map(links::sharedStat).orElse(null);
        StatUrls urls = StatUrls.of(page);
        StatView view = new StatView(Long.toString(stat.id()), stat.name(), stat.counter(), stat.isPublic(), page.owned(),
                frame, FrameChoice.all(urls.page(), frame), urls.png(), urls.json(), urls.csv(),
                figures(page), freshness(page), isFresh(page), trend(page), percentiles(page),
                anomalies(page.analysis()), page.analysis().anomalies().size(), forecast(page), embed,
                Formats.duration(page.window().intervalSeconds()), shareUrl,
                dashboards.stream().map(d -> new DashboardChoice(Long.toString(d.id()), d.name())).toList());
        return templates.render("stat", Map.of("chrome", chrome, "stat", view, "star", new StarView(starred),
                "alerts", StatAlertsView.of(alerts), "feed", new FeedView(following, annotationRows(page))));
    }

    public String json(StatPage page, Links links) {
        return json(page, links, StatAlerts.Alerts.NONE);
    }

    /**
     * The JSON twin; {@code alert_spans} are the stretches its graph shades, when any alert was
     * firing, and {@code annotations} the moments it marks, each with its text (plain text,
     * which the page inserts as text).
     */
    public String json(StatPage page, Links links, StatAlerts.Alerts alerts) {
        Stat stat = page.stat();
        String frame = page.window().key();
        Analysis analysis = page.analysis();
        Analysis.Summary summary = analysis.summary();
        // Someone who came through a share link is given the link's addresses: the stat's own would not open.
        boolean shared = StatUrls.throughShareLink(page);
        String shareKey = page.embedKey().orElse("");
        GraphJson graph = shared
                ? new GraphJson(links.embedGraph(shareKey, frame, "png"), links.embedGraph(shareKey, frame, "svg"))
                : new GraphJson(links.statGraph(stat.id(), frame, "png"), links.statGraph(stat.id(), frame, "svg"));
        return Json.write(new StatJson(Long.toString(stat.id()), stat.name(), stat.counter(), stat.isPublic(),
                shared ? links.sharedStat(shareKey) : links.statPage(stat.id()), frame, page.window().intervalSeconds(),
                new WindowJson(page.window().start(), page.window().end()),
                new SummaryJson(summary.points(), finite(summary.total()), value(summary.mean()), value(summary.min()),
                        value(summary.max()), value(summary.stddev()), value(summary.previous()),
                        value(summary.changePct())),
                new TrendJson(value(analysis.trend().slopePerHour()), value(analysis.trend().rSquared())),
                new PercentilesJson(value(analysis.percentiles().p50()), value(analysis.percentiles().p90()),
                        value(analysis.percentiles().p95()), value(analysis.percentiles().p99())),
                points(page.points()), points(page.previousPoints()),
                analysis.anomalies().stream().map(a -> new AnomalyJson(a.time(), finite(a.value()),
                        finite(a.expected()), finite(a.score()))).toList(),
                analysis.forecast().stream().map(f -> new ForecastJson(f.time(), finite(f.value()), finite(f.low()),
                        finite(f.high()))).toList(),
                page.newestMinute().orElse(null), page.nowSeconds(),
                graph,
                page.embedKey().map(key -> EmbedCode.html(links, key, frame)).orElse(null),
                alerts.firing().stream().map(span -> new SpanJson(Long.toString(span.alertId()), span.from(), span.to()))
                        .toList(),
                page.annotations().stream().map(a -> new AnnotationJson(Long.toString(a.id()),
                        Math.floorDiv(a.atMillis(), MILLIS_PER_SECOND), a.text())).toList()));
    }

    // --- HTML view model ------------------------------------------------------------------------

    /** One figure of the summary row. */
    public record Figure(String label, String value, String tone) {
    }

    public record AnomalyView(String time, String value, String expected) {
    }

    public record StatView(String id, String name, boolean counter, boolean isPublic, boolean owned, String frame,
                           List<FrameChoice> frames, String pngUrl, String jsonUrl, String csvUrl,
                           List<Figure> figures, String freshness, boolean fresh, String trend,
                           String percentiles, List<AnomalyView> anomalies, int anomalyCount, String forecast,
                           String embedHtml, String interval,
                           String shareUrl, List<DashboardChoice> dashboards) {
    }

    public record DashboardChoice(String id, String name) {
    }

    private static List<AnnotationRow> annotationRows(StatPage page) {
        List<AnnotationRow> rows = new java.util.ArrayList<>(page.annotations().stream()
                .map(a -> new AnnotationRow(Long.toString(a.id()), Formats.time(a.atMillis() / 1000), a.text())).toList());
        java.util.Collections.reverse(rows);
        return rows;
    }

    private static List<Figure> figures(StatPage page) {
        Analysis.Summary s = page.analysis().summary();
        String per = "per " + Formats.duration(page.window().intervalSeconds());
        List<Figure> figures = new ArrayList<>();
        if (page.stat().counter()) {
            figures.add(new Figure("Total", Formats.number(s.total()), ""));
            figures.add(new Figure("Mean " + per, Formats.number(s.mean()), ""));
        } else {
            figures.add(new Figure("Mean", Formats.number(s.mean()), ""));
            figures.add(new Figure("Points", Formats.number(s.points()), ""));
        }
        figures.add(new Figure("Min", Formats.number(s.min()), ""));
        figures.add(new Figure("Max", Formats.number(s.max()), ""));
        figures.add(new Figure("Std dev", Formats.number(s.stddev()), ""));
        figures.add(new Figure("vs previous " + page.window().key(), Formats.change(s.changePct()), tone(s.changePct())));
        return figures;
    }

    private static String tone(OptionalDouble change) {
        if (change.isEmpty() || change.getAsDouble() == 0) {
            return "";
        }
        return change.getAsDouble() > 0 ? "up" : "down";
    }

    private static String freshness(StatPage page) {
        return page.newestMinute()
                .map(minute -> "Newest data " + Formats.ago(Math.max(0, page.nowSeconds() - minute)) + " (minute of "
                        + Formats.time(minute) + ")")
                .orElse("No data yet: send some with the API (see Keys & settings)");
    }

    private static boolean isFresh(StatPage page) {
        return page.newestMinute().map(minute -> page.nowSeconds() - minute <= FRESH_SECONDS).orElse(false);
    }

    private static String trend(StatPage page) {
        Analysis.Trend trend = page.analysis().trend();
        if (trend.slopePerHour().isEmpty()) {
            return "Not enough data for a trend";
        }
        double slope = trend.slopePerHour().getAsDouble();
        String direction = slope > 0 ? "Rising" : slope < 0 ? "Falling" : "Flat";
        return direction + " " + Formats.number(Math.abs(slope)) + " per hour"
                + trend.rSquared().stream().mapToObj(r -> " (fit r² " + Formats.number(r) + ")").findFirst().orElse("");
    }

    /**
     * The forecast in a sentence: a counter's expected total over the horizon, a value stat's
     * expected mean, each with the band's ends; empty when there is none.
     */
    private static String forecast(StatPage page) {
        List<Analysis.Forecast> ahead = page.analysis().forecast();
        if (ahead.isEmpty()) {
            return "";
        }
        double value = 0;
        double low = 0;
        double high = 0;
        for (Analysis.Forecast f : ahead) {
            value += f.value();
            low += f.low();
            high += f.high();
        }
        if (!page.stat().counter()) {
            value /= ahead.size();
            low /= ahead.size();
            high /= ahead.size();
        }
        String horizon = Formats.duration(ahead.size() * page.window().intervalSeconds());
        return "Next " + horizon + ": about " + Formats.number(value) + " (" + Formats.number(low) + " to "
                + Formats.number(high) + ")";
    }

    private static String percentiles(StatPage page) {
        Analysis.Percentiles p = page.analysis().percentiles();
        // A counter's percentiles are of per-interval sums, mostly 0 for anything sent now and then.
        if (page.stat().counter() || p.p50().isEmpty()) {
            return "";
        }
        return "p50 " + Formats.number(p.p50()) + " · p90 " + Formats.number(p.p90()) + " · p95 "
                + Formats.number(p.p95()) + " · p99 " + Formats.number(p.p99());
    }

    /** The most unusual few, in time order: a page lists what deserves a look, not every flag. */
    private static List<AnomalyView> anomalies(Analysis analysis) {
        return analysis.anomalies().stream()
                .sorted(Comparator.comparingDouble((Analysis.Anomaly a) -> -Math.abs(a.score())))
                .limit(MAX_ANOMALIES_SHOWN)
                .sorted(Comparator.comparingLong(Analysis.Anomaly::time))
                .map(a -> new AnomalyView(Formats.time(a.time()), Formats.number(a.value()), Formats.number(a.expected())))
                .toList();
    }

    // --- JSON twin ------------------------------------------------------------------------------

    private record StatJson(String id, String name, boolean counter, @JsonProperty("public") boolean isPublic,
                            String url, String timeframe, @JsonProperty("interval_seconds") long intervalSeconds,
                            WindowJson window, SummaryJson summary, TrendJson trend, PercentilesJson percentiles,
                            List<PointJson> points, @JsonProperty("previous_points") List<PointJson> previousPoints,
                            List<AnomalyJson> anomalies, List<ForecastJson> forecast,
                            @JsonProperty("newest_minute") Long newestMinute, long now, GraphJson graph,
                            @JsonProperty("embed_html") String embedHtml,
                            @JsonProperty("alert_spans") List<SpanJson> alertSpans,
                            List<AnnotationJson> annotations) {
    }

    /** @param at unix seconds */
    private record AnnotationJson(String id, long at, String text) {
    }

    private record SpanJson(@JsonProperty("alert_id") String alertId, long from, long to) {
    }

    private record WindowJson(long start, long end) {
    }

    private record SummaryJson(long points, Double total, Double mean, Double min, Double max, Double stddev,
                               Double previous, @JsonProperty("change_pct") Double changePct) {
    }

    private record TrendJson(@JsonProperty("slope_per_hour") Double slopePerHour,
                             @JsonProperty("r_squared") Double rSquared) {
    }

    private record PercentilesJson(Double p50, Double p90, Double p95, Double p99) {
    }

    private record PointJson(long time, Double value) {
    }

    private record AnomalyJson(long time, Double value, Double expected, Double score) {
    }

    private record ForecastJson(long time, Double value, Double low, Double high) {
    }

    private record GraphJson(String png, String svg) {
    }

    static List<PointJson> points(List<Point> points) {
        return points.stream().map(p -> new PointJson(p.time(), finite(p.value()))).toList();
    }

    /** JSON has no number for infinity or NaN; stored sums can overflow to infinity. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Double value(OptionalDouble value) {
        return value.isPresent() ? finite(value.getAsDouble()) : null;
    }
}
