package io.statfeed.presenters.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.feeds.Annotation;
import io.statfeed.interactor.stats.DownloadStatData;
import io.statfeed.interactor.stats.Point;
import io.statfeed.interactor.stats.ViewStat.StatPage;
import io.statfeed.interactor.stats.Window;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.csv.StatCsv;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatPresentersTest {
    private static final Links LINKS = new Links("https://stats.example.com");
    private static final Stat SIGNUPS = new Stat(42, 7, "signups", true, "KEY", true, 1_699_000_000_000L);
    private static final Window HOUR = new Window("1h", 1_699_999_200L, 1_699_999_320L, 60);
    private static final Analysis ANALYSIS = new Analysis(
            new Analysis.Summary(5, 12, OptionalDouble.of(6), OptionalDouble.of(4), OptionalDouble.of(8),
                    OptionalDouble.of(2), OptionalDouble.of(10), OptionalDouble.of(20)),
            new Analysis.Trend(OptionalDouble.of(240), OptionalDouble.of(1)),
            new Analysis.Percentiles(OptionalDouble.of(4), OptionalDouble.of(8), OptionalDouble.of(8), OptionalDouble.of(8)),
            List.of(new Analysis.Anomaly(1_699_999_260L, 8, 1.5, 4.2)),
            List.of(new Analysis.Forecast(1_699_999_320L, 12, 10, 14)));
    private static final StatPage PAGE = new StatPage(SIGNUPS, true, HOUR,
            List.of(new Point(1_699_999_200L, 4), new Point(1_699_999_260L, 8)),
            List.of(new Point(1_699_999_200L, 5), new Point(1_699_999_260L, Double.POSITIVE_INFINITY)),
            ANALYSIS, Optional.of(1_699_999_260L), 1_699_999_290L, Optional.of("42"), Optional.empty(), List.of());

    @Test
    void the_stat_pages_json_twin_carries_name_kind_summary_points_graph_urls_and_embed_code() {
        assertEquals("{\"id\":\"42\",\"name\":\"signups\",\"counter\":true,\"public\":true,"
                        + "\"url\":\"https://stats.example.com/stats/42\",\"timeframe\":\"1h\",\"interval_seconds\":60,"
                        + "\"window\":{\"start\":1699999200,\"end\":1699999320},"
                        + "\"summary\":{\"points\":5,\"total\":12.0,\"mean\":6.0,\"min\":4.0,\"max\":8.0,\"stddev\":2.0,"
                        + "\"previous\":10.0,\"change_pct\":20.0},"
                        + "\"trend\":{\"slope_per_hour\":240.0,\"r_squared\":1.0},"
                        + "\"percentiles\":{\"p50\":4.0,\"p90\":8.0,\"p95\":8.0,\"p99\":8.0},"
                        + "\"points\":[{\"time\":1699999200,\"value\":4.0},{\"time\":1699999260,\"value\":8.0}],"
                        + "\"previous_points\":[{\"time\":1699999200,\"value\":5.0},{\"time\":1699999260,\"value\":null}],"
                        + "\"anomalies\":[{\"time\":1699999260,\"value\":8.0,\"expected\":1.5,\"score\":4.2}],"
                        + "\"forecast\":[{\"time\":1699999320,\"value\":12.0,\"low\":10.0,\"high\":14.0}],"
                        + "\"newest_minute\":1699999260,\"now\":1699999290,"
                        + "\"graph\":{\"png\":\"https://stats.example.com/stats/42/graph.png?tf=1h\","
                        + "\"svg\":\"https://stats.example.com/stats/42/graph.svg?tf=1h\"},"
                        + "\"embed_html\":\"<script src=\\\"https://stats.example.com/embed.js\\\"></script>\\n"
                        + "<script>StatHatEmbed.render({s1:'42',w:760,h:235,tf:'1h'});</script>\",\"alert_spans\":[],\"annotations\":[]}",
                new StatPagePresenter(new Templates()).json(PAGE, LINKS));
    }

    @Test
    void the_stat_pages_summary_reads_as_people_write_numbers() {
        String html = new StatPagePresenter(new Templates()).html(PAGE, new Chrome("a@example.com", "CSRF", "stats", null, 0),
                LINKS, List.of());
        assertEquals("""
                <dl class="summary" id="summary">
                    <div><dt>Total</dt><dd>12</dd></div>
                    <div><dt>Mean per 1 min</dt><dd>6</dd></div>
                    <div><dt>Min</dt><dd>4</dd></div>
                    <div><dt>Max</dt><dd>8</dd></div>
                    <div><dt>Std dev</dt><dd>2</dd></div>
                    <div><dt>vs previous 1h</dt><dd class="up">+20%</dd></div>
                  </dl>""", element(html, "dl"));
        assertEquals("<span id=\"trend\">Rising 240 per hour (fit r² 1)</span>", element(html, "span id=\"trend\""));
        assertEquals("<span id=\"forecast\">Next 1 min: about 12 (10 to 14)</span>",
                element(html, "span id=\"forecast\""));
    }

    @Test
    void a_private_stat_has_no_embed_code() {
        StatPage hidden = new StatPage(SIGNUPS, true, HOUR, PAGE.points(), PAGE.previousPoints(), ANALYSIS,
                Optional.empty(), 1_699_999_290L, Optional.empty(), Optional.empty(), List.of());
        String json = new StatPagePresenter(new Templates()).json(hidden, LINKS);
        assertEquals(true, json.endsWith("\"newest_minute\":null,\"now\":1699999290,"
                + "\"graph\":{\"png\":\"https://stats.example.com/stats/42/graph.png?tf=1h\","
                + "\"svg\":\"https://stats.example.com/stats/42/graph.svg?tf=1h\"},\"embed_html\":null,\"alert_spans\":[],\"annotations\":[]}"), json);
    }

    @Test
    void a_private_stat_seen_through_its_share_link_links_to_the_share_link_and_its_images() {
        Stat hidden = new Stat(42, 7, "signups", true, "KEY", false, 1_699_000_000_000L);
        StatPage shared = new StatPage(hidden, false, HOUR, PAGE.points(), PAGE.previousPoints(), ANALYSIS,
                Optional.empty(), 1_699_999_290L, Optional.of("TOKEN_1"), Optional.empty(), List.of());
        String json = new StatPagePresenter(new Templates()).json(shared, LINKS);
        assertEquals(true, json.contains("\"url\":\"https://stats.example.com/s/TOKEN_1\","), json);
        assertEquals(true, json.endsWith("\"graph\":{\"png\":\"https://stats.example.com/embed/graph.png?s1=TOKEN_1&tf=1h\","
                + "\"svg\":\"https://stats.example.com/embed/graph.svg?s1=TOKEN_1&tf=1h\"},\"embed_html\":"
                + "\"<script src=\\\"https://stats.example.com/embed.js\\\"></script>\\n"
                + "<script>StatHatEmbed.render({s1:'TOKEN_1',w:760,h:235,tf:'1h'});</script>\",\"alert_spans\":[],\"annotations\":[]}"), json);
    }

    @Test
    void a_csv_download_has_unix_time_iso_time_and_the_value_per_line() {
        DownloadStatData.StatData data = new DownloadStatData.StatData(
                new Stat(1, 7, "api latency/ms", false, "KEY", false, 0), HOUR,
                List.of(new Point(1_699_999_200L, 0.25), new Point(1_699_999_260L, 3)));
        assertEquals("time,utc,value\r\n1699999200,2023-11-14T22:00:00Z,0.25\r\n1699999260,2023-11-14T22:01:00Z,3\r\n",
                StatCsv.csv(data));
        assertEquals("api-latency-ms-1h.csv", StatCsv.fileName(data));
    }

    /** The first element opening with {@code <tag}, up to its matching close (no nesting of the same tag). */
    private static String element(String html, String opening) {
        String tag = opening.split(" ")[0];
        Matcher m = Pattern.compile("<" + Pattern.quote(opening) + ".*?</" + tag + ">", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group() : "(no <" + opening + "> in page)";
    }

    @Test
    void the_json_twin_names_the_spans_an_alert_was_firing_for_the_graph_to_shade() {
        String json = new StatPagePresenter(new Templates()).json(PAGE, LINKS, new io.statfeed.interactor.alerts.StatAlerts
                .Alerts(List.of(), List.of(), List.of(new io.statfeed.interactor.alerts.StatAlerts.FiringSpan(7,
                1699999230, 1699999320))));
        assertEquals(true, json.endsWith(",\"alert_spans\":[{\"alert_id\":\"7\",\"from\":1699999230,\"to\":1699999320}],\"annotations\":[]}"),
                json);
    }

    @Test
    void the_json_twin_carries_the_annotations_to_mark_with_their_text_as_a_json_string() {
        StatPage annotated = new StatPage(SIGNUPS, true, HOUR, PAGE.points(), PAGE.previousPoints(), ANALYSIS,
                Optional.empty(), 1_699_999_290L, Optional.of("42"), Optional.empty(), List.of(
                        new Annotation(123, 7, 42, 3, "deployed v2", 1_699_999_230_500L, 1_699_999_280_000L),
                        new Annotation(124, 7, 42, 3, "<img src=x onerror=alert(1)> \"quoted\" \\ \u2028",
                                1_699_999_260_000L, 1_699_999_285_000L)));

        String json = new StatPagePresenter(new Templates()).json(annotated, LINKS);

        assertEquals(true, json.endsWith(",\"alert_spans\":[],\"annotations\":["
                + "{\"id\":\"123\",\"at\":1699999230,\"text\":\"deployed v2\"},"
                + "{\"id\":\"124\",\"at\":1699999260,\"text\":\"<img src=x onerror=alert(1)> \\\"quoted\\\" \\\\ \u2028\"}]}"),
                json);
    }
}
