package io.statfeed.presenters.alerts;

import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.model.alerts.AlertWindow;
import io.statfeed.core.model.alerts.Comparison;
import io.statfeed.interactor.alerts.AlertView;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The alerts pages: an account's (or one stat's) alerts with the form that makes one
 * ({@code alerts.html}), and one alert with its edit form, history and failed deliveries ({@code alert.html}).
 */
public final class AlertPagePresenter {
    private final Templates templates;

    public AlertPagePresenter(Templates templates) {
        this.templates = templates;
    }

    public record Row(String id, String url, String statName, String statUrl, String condition, String state,
                      boolean firing, boolean muted, String lastValue) {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** The alert form, filled in with an alert's rule or with the defaults of a new one. */
    public record Form(String action, String submit, List<Choice> stats, boolean statFixed, String statId,
                       List<Choice> kinds, List<Choice> windows, List<Choice> operators, List<Choice> deltas,
                       String threshold, String recoveryThreshold, String percentage, String renotify, String email,
                       String webhookUrl) {
    }

    public record HistoryRow(String time, String state, boolean firing, String message) {
    }

    public record FailureRow(String recipient, int attempts, String error, boolean givenUp) {
    }

    public record ListView(String title, String intro, List<Row> alerts, Form form, boolean noStats) {
    }

    public record OneView(Row alert, Form form, List<HistoryRow> history, List<FailureRow> failures,
                          String webhookSecret) {
    }

    /** @param stat the stat whose alerts these are, or null for all of the account's */
    public String listHtml(List<AlertView> alerts, List<Stat> ownStats, Stat stat, Chrome chrome) {
        String title = stat == null ? "Alerts" : "Alerts on " + stat.name();
        String intro = "An alert watches a stat and tells you, by mail or webhook, when it crosses a line, changes "
                + "sharply, goes quiet, or leaves its usual range for the time of the week.";
        Form form = newForm(ownStats, stat);
        return templates.render("alerts", Map.of("chrome", chrome, "page",
                new ListView(title, intro, alerts.stream().map(AlertPagePresenter::row).toList(), form,
                        ownStats.isEmpty())));
    }

    public String oneHtml(AlertView alert, Chrome chrome) {
        return templates.render("alert", Map.of("chrome", chrome, "page", new OneView(row(alert),
                form(alert.alert().rule(), List.of(), alert.stat(), "/alerts/" + alert.alert().id(), "Save changes"),
                alert.history().stream().map(AlertPagePresenter::historyRow).toList(),
                alert.failures().stream().map(f -> new FailureRow(f.recipient(), f.attempts(), f.error(), f.givenUp()))
                        .toList(),
                alert.alert().webhookSecret())));
    }

    static Row row(AlertView view) {
        boolean firing = view.alert().status().state() == AlertState.FIRING;
        return new Row(Long.toString(view.alert().id()), "/alerts/" + view.alert().id(), view.stat().name(),
                "/stats/" + view.stat().id(), view.condition(), view.alert().status().state().apiName(), firing,
                view.alert().muted(), Formats.number(view.alert().status().lastValue()));
    }

    static HistoryRow historyRow(AlertEvent event) {
        String state = event.renotify() ? "reminder" : event.state().apiName();
        return new HistoryRow(Formats.time(event.atMillis() / 1000), state, event.state() == AlertState.FIRING,
                event.message());
    }

    private static Form newForm(List<Stat> ownStats, Stat stat) {
        String action = stat == null ? "/alerts" : "/stats/" + stat.id() + "/alerts";
        return form(null, ownStats, stat, action, "Create alert");
    }

    private static Form form(AlertRule rule, List<Stat> ownStats, Stat stat, String action, String submit) {
        List<Choice> stats = ownStats.stream().map(s -> new Choice(Long.toString(s.id()), s.name(), false)).toList();
        String kind = rule == null ? "value" : rule.kind().apiName();
        String window = rule == null ? "5m" : rule.window().apiName();
        String operator = rule == null ? Comparison.GREATER.apiName() : rule.comparison().apiName();
        String delta = rule == null ? "1d" : AlertWindow.ofSeconds(rule.delta().toSeconds()).map(AlertWindow::apiName)
                .orElse("1d");
        return new Form(action, submit, stats, stat != null, stat == null ? "" : Long.toString(stat.id()),
                choices(List.of("value", "delta", "data", "anomaly"), List.of("value past a threshold",
                        "change against earlier", "no data", "unusual for the time of week"), kind),
                choices(windowNames(), windowNames(), window),
                choices(List.of("greater than", "less than", "different than"),
                        List.of("greater than", "less than", "different than (delta, anomaly)"), operator),
                choices(windowNames(), windowNames().stream().map(w -> w + " earlier").toList(), delta),
                rule == null ? "" : plain(rule.threshold()), rule == null ? "" : plain(rule.recoveryThreshold()),
                rule == null ? "" : plain(rule.percentage()),
                rule == null ? "" : rule.renotify().map(d -> d.toMinutes() + "m").orElse(""),
                rule == null ? "" : rule.email().orElse(""), rule == null ? "" : rule.webhookUrl().orElse(""));
    }

    private static List<String> windowNames() {
        return Arrays.stream(AlertWindow.values()).map(AlertWindow::apiName).toList();
    }

    private static List<Choice> choices(List<String> values, List<String> labels, String selected) {
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(i -> new Choice(values.get(i), labels.get(i), values.get(i).equals(selected))).toList();
    }

    private static String plain(java.util.OptionalDouble value) {
        if (value.isEmpty()) {
            return "";
        }
        return java.math.BigDecimal.valueOf(value.getAsDouble()).stripTrailingZeros().toPlainString();
    }
}
