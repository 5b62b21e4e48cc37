package io.statfeed.presenters.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.dashboards.OpenDashboard;
import io.statfeed.interactor.settings.ViewKeys;
import io.statfeed.interactor.stats.CompareStats;
import io.statfeed.interactor.stats.Point;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.interactor.stats.Window;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.dashboards.DashboardPresenter;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.ErrorPagePresenter;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.settings.CodeExamples;
import io.statfeed.presenters.settings.SettingsPresenter;
import io.statfeed.presenters.stats.ComparisonPresenter;
import io.statfeed.presenters.stats.StatListPresenter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON twins and page fragments, compared with the exact text people and scripts read. */
class PagePresentersTest {
    private static final Templates TEMPLATES = new Templates();
    private static final Links LINKS = new Links("https://stats.example.com");
    private static final Analysis.Summary SUMMARY = new Analysis.Summary(3, 30, OptionalDouble.of(10),
            OptionalDouble.of(5), OptionalDouble.of(15), OptionalDouble.of(4), OptionalDouble.of(20),
            OptionalDouble.of(50));
    private static final Stat SIGNUPS = new Stat(42, 7, "signups", true, "KEY", false, 0);
    private static final Stat LATENCY = new Stat(43, 7, "latency & <ms>", false, "KEY2", true, 0);

    @Test
    void the_stats_lists_json_gives_each_stat_its_id_name_and_page_address() {
        SearchStats.StatList list = new SearchStats.StatList("", 0, List.of(
                new SearchStats.StatSummary(42, "signups", true, false, 0),
                new SearchStats.StatSummary(43, "latency", false, true, 0)), true);
        assertEquals("{\"query\":\"\",\"stats\":["
                        + "{\"id\":\"42\",\"name\":\"signups\",\"counter\":true,\"public\":false,"
                        + "\"url\":\"https://stats.example.com/stats/42\"},"
                        + "{\"id\":\"43\",\"name\":\"latency\",\"counter\":false,\"public\":true,"
                        + "\"url\":\"https://stats.example.com/stats/43\"}],"
                        + "\"next\":\"https://stats.example.com/stats?offset=100\"}",
                new StatListPresenter(TEMPLATES).json(list, LINKS));
    }

    @Test
    void an_overlays_json_lists_each_stat_with_its_summary_and_points() {
        CompareStats.Comparison comparison = new CompareStats.Comparison(new Window("1h", 3600, 3720, 60), List.of(
                new CompareStats.Compared(SIGNUPS, List.of(new Point(3600, 1), new Point(3660, 2)), SUMMARY)));
        assertEquals("{\"timeframe\":\"1h\",\"interval_seconds\":60,\"window\":{\"start\":3600,\"end\":3720},"
                        + "\"stats\":[{\"id\":\"42\",\"name\":\"signups\",\"counter\":true,"
                        + "\"url\":\"https://stats.example.com/stats/42\",\"summary\":{\"points\":3,\"total\":30.0,"
                        + "\"mean\":10.0,\"min\":5.0,\"max\":15.0,\"stddev\":4.0,\"previous\":20.0,\"change_pct\":50.0},"
                        + "\"points\":[{\"time\":3600,\"value\":1.0},{\"time\":3660,\"value\":2.0}]}],"
                        + "\"graph\":{\"png\":\"https://stats.example.com/compare/graph.png?ids=42&style=line&tf=1h\","
                        + "\"svg\":\"https://stats.example.com/compare/graph.svg?ids=42&style=line&tf=1h\"}}",
                new ComparisonPresenter(TEMPLATES).json(comparison, LINKS));
    }

    @Test
    void a_dashboards_json_has_its_tiles_in_order_with_their_headline_figures() {
        OpenDashboard.DashboardPage page = new OpenDashboard.DashboardPage(new Dashboard(9, 7, "Ops", 0, 0), "1d",
                List.of(new OpenDashboard.Tile(LATENCY, SUMMARY), new OpenDashboard.Tile(SIGNUPS, SUMMARY)));
        assertEquals("{\"id\":\"9\",\"name\":\"Ops\",\"timeframe\":\"1d\",\"stats\":["
                        + "{\"id\":\"43\",\"name\":\"latency & <ms>\",\"counter\":false,"
                        + "\"url\":\"https://stats.example.com/stats/43\",\"points\":3,\"total\":30.0,\"mean\":10.0,"
                        + "\"change_pct\":50.0,\"png\":\"https://stats.example.com/stats/43/graph.png?tf=1d\"},"
                        + "{\"id\":\"42\",\"name\":\"signups\",\"counter\":true,"
                        + "\"url\":\"https://stats.example.com/stats/42\",\"points\":3,\"total\":30.0,\"mean\":10.0,"
                        + "\"change_pct\":50.0,\"png\":\"https://stats.example.com/stats/42/graph.png?tf=1d\"}]}",
                new DashboardPresenter(TEMPLATES).pageJson(page, LINKS));
    }

    @Test
    void a_dashboard_tile_shows_a_counters_total_and_a_value_stats_mean_with_the_change() {
        OpenDashboard.DashboardPage page = new OpenDashboard.DashboardPage(new Dashboard(9, 7, "Ops", 0, 0), "1d",
                List.of(new OpenDashboard.Tile(LATENCY, SUMMARY)));
        String html = new DashboardPresenter(TEMPLATES).pageHtml(page, List.of(), false,
                new Chrome("a@example.com", "CSRF", "dashboards", null, 0));
        assertEquals("<h3><a href=\"/stats/43?tf=1d\">latency &amp; &lt;ms&gt;</a></h3>", first(html, "<h3>.*?</h3>"));
        assertEquals("<span class=\"figure\">10</span>", first(html, "<span class=\"figure\">.*?</span>"));
        assertEquals("<span class=\"up\">+50%</span>", first(html, "<span class=\"up\">.*?</span>"));
    }

    @Test
    void the_settings_json_never_holds_a_secret_token() {
        ViewKeys.Keys keys = new ViewKeys.Keys("EZ", "UK", true, List.of(new ViewKeys.StatKey(42, "signups", true, "SK")),
                0, false, List.of(new AccessToken(5, 7, "laptop", 1_700_000_000_000L, Optional.empty()),
                        new AccessToken(6, 7, "old", 1_600_000_000_000L, Optional.of(1_650_000_000_000L))));
        assertEquals("{\"ezkey\":\"EZ\",\"ukey\":\"UK\",\"email_as_ezkey\":true,\"api_url\":\"http://h:8081\","
                        + "\"stats\":[{\"id\":\"42\",\"name\":\"signups\",\"key\":\"SK\"}],\"access_tokens\":["
                        + "{\"id\":\"5\",\"name\":\"laptop\",\"created\":1700000000,\"revoked\":false},"
                        + "{\"id\":\"6\",\"name\":\"old\",\"created\":1600000000,\"revoked\":true}]}",
                new SettingsPresenter(TEMPLATES).json(keys, "http://h:8081"));
    }

    @Test
    void the_code_examples_are_filled_in_with_the_visitors_key_and_api_address() {
        List<CodeExamples.Example> examples = CodeExamples.forKeys("http://h:8081", "EZ");
        assertEquals(List.of("curl", "Python", "JavaScript", "Go", "Ruby", "Java"),
                examples.stream().map(CodeExamples.Example::language).toList());
        assertEquals("curl -d \"stat=signups&ezkey=EZ&count=1\" http://h:8081/ez", examples.get(0).code());
        assertEquals("""
                import urllib.parse, urllib.request

                data = urllib.parse.urlencode({"stat": "signups", "ezkey": "EZ", "count": 1}).encode()
                urllib.request.urlopen("http://h:8081/ez", data)""", examples.get(1).code());
    }

    @Test
    void an_error_page_says_what_was_wrong_escaped() {
        String html = new ErrorPagePresenter(TEMPLATES).html(404, "no stat with id '<b>'", Chrome.anonymous("error"));
        assertEquals("<h1>Not found</h1>", first(html, "<h1>.*?</h1>"));
        assertEquals("<p id=\"error-message\">no stat with id &#39;&lt;b&gt;&#39;</p>",
                first(html, "<p id=\"error-message\">.*?</p>"));
    }

    @Test
    void the_top_bar_leads_with_feed_and_notifications_and_badges_the_unseen_count_only_when_there_is_one() {
        OpenDashboard.DashboardPage page = new OpenDashboard.DashboardPage(new Dashboard(9, 7, "Ops", 0, 0), "1d",
                List.of());
        DashboardPresenter presenter = new DashboardPresenter(TEMPLATES);
        String unseen = presenter.pageHtml(page, List.of(), false, new Chrome("a@example.com", "CSRF", "notifications", null, 3));
        String none = presenter.pageHtml(page, List.of(), false, new Chrome("a@example.com", "CSRF", "notifications", null, 0));

        assertEquals(List.of("/feed", "/notifications", "/stats", "/dashboards", "/alerts", "/settings"),
                all(first(unseen, "<nav>.*?</nav>"), "(?<=<a href=\")[^\"]+"));
        assertEquals("<a href=\"/notifications\" class=\"active\">Notifications<span class=\"badge\" id=\"unseen-badge\">3</span></a>",
                first(unseen, "<a href=\"/notifications\".*?</a>"));
        assertEquals("<a href=\"/notifications\" class=\"active\">Notifications</a>",
                first(none, "<a href=\"/notifications\".*?</a>"));
    }

    private static List<String> all(String html, String regex) {
        return Pattern.compile(regex).matcher(html).results().map(MatchResult::group).toList();
    }

    private static String first(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        return m.find() ? m.group() : "(nothing matches " + regex + ")";
    }
}
