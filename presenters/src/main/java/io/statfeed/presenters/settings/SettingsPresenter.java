package io.statfeed.presenters.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.core.model.AccessToken;
import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.interactor.settings.ViewKeys.Keys;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.Json;
import io.statfeed.presenters.teams.TeamPresenter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Keys, access tokens and code examples ({@code settings.html}), and the JSON twin (which never holds a secret token). */
public final class SettingsPresenter {
    private final Templates templates;

    public SettingsPresenter(Templates templates) {
        this.templates = templates;
    }

    public record TokenRow(String id, String name, String created, boolean revoked) {
    }

    public record StatKeyRow(String id, String name, String key, String url) {
    }

    public record SettingsView(String ezkey, String ukey, boolean emailAsEzkey, String apiBase, String webBase,
                               List<StatKeyRow> stats, List<TokenRow> tokens, List<CodeExamples.Example> examples,
                               String newToken, String newTokenName) {
    }

    /** The report settings form: what is chosen now, and the choices. */
    public record ReportsView(boolean subscribed, String frequency, int hour, String zone, int weekday,
                              List<Choice> hours, List<Choice> weekdays, List<String> zones) {
    }

    public record Choice(String value, String label) {
    }

    /** Every region zone Java knows, sorted, for the time zone field's suggestions. */
    private static final List<String> ZONES = java.time.ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")).sorted().toList();
    private static final List<Choice> HOURS = java.util.stream.IntStream.range(0, 24)
            .mapToObj(h -> new Choice(Integer.toString(h), String.format(java.util.Locale.ROOT, "%02d:00", h))).toList();
    private static final List<Choice> WEEKDAYS = java.util.Arrays.stream(java.time.DayOfWeek.values())
            .map(d -> new Choice(Integer.toString(d.getValue()),
                    d.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))).toList();

    public static ReportsView reports(ReportSubscription settings) {
        return new ReportsView(settings.subscribed(), settings.subscribed() ? settings.frequency().storedName() : "daily",
                settings.hourOfDay(), settings.zone().getId(), settings.weekday().getValue(), HOURS, WEEKDAYS, ZONES);
    }

    public String html(Keys keys, String apiBase, String webBase, Chrome chrome, String newToken, String newTokenName) {
        return html(keys, ReportSubscription.none(0), apiBase, webBase, chrome, newToken, newTokenName);
    }

    /**
     * @param newToken a just-created access token's secret, shown this once, or null
     */
    public String html(Keys keys, ReportSubscription reports, String apiBase, String webBase, Chrome chrome,
                       String newToken, String newTokenName) {
        return html(keys, reports, null, apiBase, webBase, chrome, newToken, newTokenName);
    }

    /**
     * @param team the Team section (members, invites, the account switcher), or null for none
     * @param newToken a just-created access token's secret, shown this once, or null
     */
    public String html(Keys keys, ReportSubscription reports, TeamPresenter.TeamView team, String apiBase,
                       String webBase, Chrome chrome, String newToken, String newTokenName) {
        SettingsView view = new SettingsView(keys.ezkey(), keys.ukey(), keys.emailAsEzkey(), apiBase, webBase,
                keys.stats().stream().map(s -> new StatKeyRow(Long.toString(s.statId()), s.name(), s.key(),
                        "/stats/" + s.statId())).toList(),
                keys.accessTokens().stream().map(SettingsPresenter::row).toList(),
                CodeExamples.forKeys(apiBase, keys.ezkey()), newToken, newTokenName);
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", chrome);
        model.put("settings", view);
        model.put("reports", reports(reports));
        model.put("team", team);
        return templates.render("settings", model);
    }

    public String json(Keys keys, String apiBase) {
        return Json.write(new SettingsJson(keys.ezkey(), keys.ukey(), keys.emailAsEzkey(), apiBase,
                keys.stats().stream().map(s -> new StatKeyJson(Long.toString(s.statId()), s.name(), s.key())).toList(),
                keys.accessTokens().stream().map(t -> new TokenJson(Long.toString(t.id()), t.name(),
                        TimeUnit.MILLISECONDS.toSeconds(t.createdAtMillis()), t.revoked())).toList()));
    }

    private static TokenRow row(AccessToken token) {
        return new TokenRow(Long.toString(token.id()), token.name(),
                Formats.time(TimeUnit.MILLISECONDS.toSeconds(token.createdAtMillis())), token.revoked());
    }

    private record SettingsJson(String ezkey, String ukey, @JsonProperty("email_as_ezkey") boolean emailAsEzkey,
                                @JsonProperty("api_url") String apiUrl, List<StatKeyJson> stats,
                                @JsonProperty("access_tokens") List<TokenJson> accessTokens) {
    }

    private record StatKeyJson(String id, String name, String key) {
    }

    private record TokenJson(String id, String name, long created, boolean revoked) {
    }
}
