package io.statfeed.webapp;

import static io.statfeed.webapp.Site.THIS_MINUTE;
import static io.statfeed.webapp.WebClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.webapp.WebClient.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON twins of the pages, over data written to storage as the api-server writes it: the same
 * JSON for a {@code .json} suffix and for {@code Accept: application/json}, with exact figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonTwinsTest {
    /** The hour frame ends with the minute holding now. */
    private static final long HOUR_START = THIS_MINUTE + 60 - 3_600;
    private static final double[] VALUES = {2, 4, 4, 4, 5, 5, 7, 9};

    private final ServerPerBackend servers = new ServerPerBackend("json");

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    /** A counter: 3 and 5 in the last hour, 4 in the hour before. A value stat: eight points of mean 5, sd 2. */
    private record Data(Site.Member owner, Stat signups, Stat load) {
    }

    private Data data(Site site, String who) {
        Site.Member ada = site.newMember(who);
        Stat signups = site.counter(ada, "signups");
        site.record(signups, THIS_MINUTE - 600, 3);
        site.record(signups, THIS_MINUTE - 120, 5);
        site.record(signups, THIS_MINUTE - 3_600, 4);
        Stat load = site.value(ada, "load");
        for (int i = 0; i < VALUES.length; i++) {
            site.record(load, THIS_MINUTE - 60L * (i + 1), VALUES[i]);
        }
        return new Data(ada, signups, load);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_counters_page_twin_has_its_name_summary_points_graphs_and_no_embed_while_private(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-counter");
        WebClient browser = data.owner().browser();
        String base = "http://127.0.0.1:" + browser.port();
        long id = data.signups().id();

        Page page = browser.get("/stats/" + id + ".json?tf=1h");

        assertEquals(200, page.status(), page.toString());
        assertEquals("application/json;charset=utf-8", page.contentType());
        JsonNode json = page.json();
        assertEquals(Long.toString(id), json.get("id").textValue());
        assertEquals("signups", json.get("name").textValue());
        assertTrue(json.get("counter").booleanValue());
        assertFalse(json.get("public").booleanValue());
        assertEquals(base + "/stats/" + id, json.get("url").textValue());
        assertEquals("1h", json.get("timeframe").textValue());
        assertEquals(60, json.get("interval_seconds").longValue());
        assertEquals(HOUR_START, json.get("window").get("start").longValue());
        assertEquals(THIS_MINUTE + 60, json.get("window").get("end").longValue());
        JsonNode summary = json.get("summary");
        double mean = 8.0 / 60;
        double squares = 58 * mean * mean + (3 - mean) * (3 - mean) + (5 - mean) * (5 - mean);
        assertEquals(8.0, summary.get("total").doubleValue());
        assertEquals(mean, summary.get("mean").doubleValue(), 1e-12);
        assertEquals(0.0, summary.get("min").doubleValue());
        assertEquals(5.0, summary.get("max").doubleValue());
        assertEquals(Math.sqrt(squares / 60), summary.get("stddev").doubleValue(), 1e-12);
        assertEquals(4.0, summary.get("previous").doubleValue());
        assertEquals(100.0, summary.get("change_pct").doubleValue());
        JsonNode points = json.get("points");
        assertEquals(60, points.size());
        for (int i = 0; i < 60; i++) {
            long time = HOUR_START + 60L * i;
            double expected = time == THIS_MINUTE - 600 ? 3 : time == THIS_MINUTE - 120 ? 5 : 0;
            assertEquals(time, points.get(i).get("time").longValue());
            assertEquals(expected, points.get(i).get("value").doubleValue(), "at " + time);
        }
        assertEquals(4.0, json.get("previous_points").get(59).get("value").doubleValue(),
                "the previous hour is laid over this one");
        assertEquals(THIS_MINUTE - 120, json.get("newest_minute").longValue());
        assertEquals(TestServer.NOW_SECONDS, json.get("now").longValue());
        assertEquals(base + "/stats/" + id + "/graph.png?tf=1h", json.get("graph").get("png").textValue());
        assertEquals(base + "/stats/" + id + "/graph.svg?tf=1h", json.get("graph").get("svg").textValue());
        assertTrue(json.get("embed_html").isNull(), "a private, unshared stat has no embed code");
        assertEquals(page.body(), browser.get("/stats/" + id + "?tf=1h", "Accept", "application/json").body());
        assertEquals(page.body(), browser.get("/stats/" + id + "?tf=1h", "Accept",
                "application/json, text/html;q=0.5").body());

        assertEquals(303, browser.submit("/stats/" + id + "/share", fields()).status());
        String token = site.shareToken(data.signups()).orElseThrow();
        assertTrue(browser.getJson("/stats/" + id + "?tf=1h").json().get("embed_html").textValue()
                .contains("s1:'" + token + "'"), "the owner's embed code uses the share link");
        assertEquals(303, browser.submit("/stats/" + id + "/public", fields("public", "on")).status());
        assertTrue(browser.getJson("/stats/" + id + "?tf=1h").json().get("embed_html").textValue()
                .contains("s1:'" + id + "'"), "a public stat is embedded by its id");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_named_frame_sums_the_stored_data_exactly(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-frames");
        WebClient browser = data.owner().browser();
        for (String frame : List.of("1d", "1w", "1M", "3M", "1y", "all")) {
            JsonNode counter = browser.get("/stats/" + data.signups().id() + ".json?tf=" + frame).json();
            assertEquals(frame, counter.get("timeframe").textValue());
            assertEquals(12.0, counter.get("summary").get("total").doubleValue(), frame);
            assertEquals(3, counter.get("summary").get("points").longValue(), frame);
            assertEquals(12.0, sum(counter.get("points")), frame);
            JsonNode value = browser.get("/stats/" + data.load().id() + ".json?tf=" + frame).json();
            JsonNode summary = value.get("summary");
            assertEquals(8, summary.get("points").longValue(), frame);
            assertEquals(40.0, summary.get("total").doubleValue(), frame);
            assertEquals(5.0, summary.get("mean").doubleValue(), 1e-12, frame);
            assertEquals(2.0, summary.get("min").doubleValue(), frame);
            assertEquals(9.0, summary.get("max").doubleValue(), frame);
            assertEquals(2.0, summary.get("stddev").doubleValue(), 1e-9, frame);
            assertTrue(summary.get("change_pct").isNull(), "nothing to compare with: " + frame);
        }
        JsonNode hour = browser.get("/stats/" + data.load().id() + ".json?tf=1h").json();
        assertEquals(8, hour.get("points").size(), "a value stat has points only where data came in");
        assertEquals(9.0, hour.get("points").get(0).get("value").doubleValue());
        assertEquals(THIS_MINUTE - 480, hour.get("points").get(0).get("time").longValue());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_page_shows_what_the_export_api_reads(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-export");
        JsonNode page = data.owner().browser().get("/stats/" + data.signups().id() + ".json?tf=1h").json();
        Http.Reply export = servers.server(backend).http.get("/x/" + data.owner().accessToken() + "/data/"
                + data.signups().id() + "?t=1h1m");
        // The export API writes whole values as StatHat does (3, not 3.0); the numbers must be the same.
        assertEquals(timesAndValues(page.get("points")),
                timesAndValues(Http.mapper.valueToTree(export.json().get(0).get("points"))));
    }

    private static List<String> timesAndValues(JsonNode points) {
        List<String> pairs = new ArrayList<>();
        points.forEach(point -> pairs.add(point.get("time").longValue() + "=" + point.get("value").doubleValue()));
        return pairs;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_stats_list_twin_lists_each_stat_with_id_name_and_url(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-list");
        Stat hidden = site.counter(data.owner(), "api errors");
        WebClient browser = data.owner().browser();
        String base = "http://127.0.0.1:" + browser.port();

        Page list = browser.get("/stats.json");

        assertEquals(200, list.status(), list.toString());
        assertEquals(list.body(), browser.get("/stats", "Accept", "application/json").body());
        JsonNode stats = list.json().get("stats");
        List<String> rows = new ArrayList<>();
        stats.forEach(s -> rows.add(s.get("id").textValue() + " " + s.get("name").textValue() + " "
                + s.get("url").textValue() + " " + s.get("counter").booleanValue()));
        assertEquals(List.of(hidden.id() + " api errors " + base + "/stats/" + hidden.id() + " true",
                data.load().id() + " load " + base + "/stats/" + data.load().id() + " false",
                data.signups().id() + " signups " + base + "/stats/" + data.signups().id() + " true"), rows);
        assertTrue(list.json().get("next").isNull());
        assertEquals("", list.json().get("query").textValue());

        JsonNode found = browser.get("/stats.json?q=%20LOA%20").json();
        assertEquals("loa", found.get("query").textValue().toLowerCase());
        assertEquals(1, found.get("stats").size());
        assertEquals("load", found.get("stats").get(0).get("name").textValue());
        assertEquals(0, browser.get("/stats.json?q=%25").json().get("stats").size(), "% is no wildcard");
        assertEquals(0, browser.get("/stats.json?q=_").json().get("stats").size(), "_ is no wildcard");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_long_stats_list_comes_a_page_at_a_time(Backend backend) {
        Site site = servers.site(backend);
        Site.Member ada = site.newMember("json-pages");
        IntStream.range(0, 101).forEach(i -> site.counter(ada, String.format("stat %03d", i)));
        WebClient browser = ada.browser();

        JsonNode first = browser.get("/stats.json").json();
        JsonNode second = browser.get("/stats.json?offset=100").json();

        assertEquals(100, first.get("stats").size());
        assertEquals("stat 000", first.get("stats").get(0).get("name").textValue());
        assertEquals("http://127.0.0.1:" + browser.port() + "/stats?offset=100", first.get("next").textValue());
        assertEquals(1, second.get("stats").size());
        assertEquals("stat 100", second.get("stats").get(0).get("name").textValue());
        assertTrue(second.get("next").isNull());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_csv_download_has_one_exact_line_per_interval(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-csv");
        WebClient browser = data.owner().browser();

        Page counter = browser.get("/stats/" + data.signups().id() + "/data.csv?tf=10m1m");
        Page value = browser.get("/stats/" + data.load().id() + "/data.csv?tf=10m1m");

        assertEquals(200, counter.status(), counter.toString());
        assertEquals("text/csv;charset=utf-8", counter.contentType());
        assertEquals("attachment; filename=\"signups-10m1m.csv\"", counter.header("Content-Disposition"));
        StringBuilder expected = new StringBuilder("time,utc,value\r\n");
        for (long time = THIS_MINUTE - 540; time <= THIS_MINUTE; time += 60) {
            expected.append(time).append(',').append(Instant.ofEpochSecond(time)).append(',')
                    .append(time == THIS_MINUTE - 120 ? "5" : "0").append("\r\n");
        }
        assertEquals(expected.toString(), counter.body());
        StringBuilder values = new StringBuilder("time,utc,value\r\n");
        for (int i = VALUES.length; i >= 1; i--) {
            long time = THIS_MINUTE - 60L * i;
            if (time >= THIS_MINUTE - 540) {
                values.append(time).append(',').append(Instant.ofEpochSecond(time)).append(',')
                        .append((long) VALUES[i - 1]).append("\r\n");
            }
        }
        assertEquals(values.toString(), value.body());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_compare_and_dashboard_twins_carry_each_stats_summary(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-compare");
        WebClient browser = data.owner().browser();
        String ids = data.signups().id() + "," + data.load().id();

        Page compare = browser.get("/compare.json?ids=" + ids + "&tf=1h");
        assertEquals(200, compare.status(), compare.toString());
        assertEquals(compare.body(), browser.get("/compare?ids=" + ids + "&tf=1h", "Accept", "application/json")
                .body());
        assertEquals(compare.body(), browser.get("/compare.json?ids=" + data.signups().id() + "&ids="
                + data.load().id() + "&tf=1h").body(), "ids may also be repeated, as a form sends them");
        JsonNode stats = compare.json().get("stats");
        assertEquals(2, stats.size());
        assertEquals("signups", stats.get(0).get("name").textValue());
        assertEquals(8.0, stats.get(0).get("summary").get("total").doubleValue());
        assertEquals(100.0, stats.get(0).get("summary").get("change_pct").doubleValue());
        assertEquals("load", stats.get(1).get("name").textValue());
        assertEquals(5.0, stats.get(1).get("summary").get("mean").doubleValue(), 1e-12);
        assertTrue(compare.json().get("graph").get("png").textValue().endsWith("/compare/graph.png?ids=" + ids
                + "&style=line&tf=1h"));

        var board = site.dashboard(data.owner(), "overview", data.load(), data.signups());
        Page dashboard = browser.get("/dashboards/" + board.id() + ".json?tf=1d");
        assertEquals(200, dashboard.status(), dashboard.toString());
        assertEquals(dashboard.body(), browser.get("/dashboards/" + board.id() + "?tf=1d", "Accept",
                "application/json").body());
        JsonNode tiles = dashboard.json().get("stats");
        assertEquals("overview", dashboard.json().get("name").textValue());
        assertEquals("1d", dashboard.json().get("timeframe").textValue());
        assertEquals("load", tiles.get(0).get("name").textValue());
        assertEquals(5.0, tiles.get(0).get("mean").doubleValue(), 1e-12);
        assertEquals("signups", tiles.get(1).get("name").textValue());
        assertEquals(12.0, tiles.get(1).get("total").doubleValue());
        JsonNode list = browser.get("/dashboards.json").json().get("dashboards");
        assertEquals(1, list.size());
        assertEquals(Long.toString(board.id()), list.get(0).get("id").textValue());
        assertEquals("overview", list.get(0).get("name").textValue());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_settings_twin_shows_keys_but_never_an_access_tokens_secret(Backend backend) {
        Site site = servers.site(backend);
        Data data = data(site, "json-settings");
        WebClient browser = data.owner().browser();

        Page created = browser.submit("/settings/tokens", fields("name", "grafana"));
        assertEquals(200, created.status(), created.toString());
        assertEquals("no-store", created.header("Cache-Control"));
        Page settings = browser.get("/settings.json");

        assertEquals(200, settings.status(), settings.toString());
        assertEquals(settings.body(), browser.get("/settings", "Accept", "application/json").body());
        JsonNode json = settings.json();
        assertEquals(data.owner().ezkey(), json.get("ezkey").textValue());
        assertFalse(json.get("email_as_ezkey").booleanValue());
        assertEquals(List.of("default", "grafana"), names(json.get("access_tokens")));
        assertEquals(List.of("load", "signups"), names(json.get("stats")));
        assertEquals(data.signups().key(), json.get("stats").get(1).get("key").textValue(),
                "the owner sees the per-stat keys");
        assertFalse(settings.body().contains(data.owner().accessToken()), "no access token secret in JSON");
    }

    private static double sum(JsonNode points) {
        double total = 0;
        for (JsonNode point : points) {
            total += point.get("value").doubleValue();
        }
        return total;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get("name").textValue()));
        return names;
    }
}
