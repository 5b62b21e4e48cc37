package io.statfeed.presenters.mail;

import io.statfeed.channels.mail.InlineImage;
import io.statfeed.channels.mail.Mail;
import io.statfeed.core.model.reports.ReportFrequency;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.interactor.reports.Report;
import io.statfeed.interactor.reports.ReportMail;
import io.statfeed.interactor.reports.ReportPeriod;
import io.statfeed.presenters.Formats;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Templates;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as a mail ({@code templates/report-mail.html} and its plain-text twin): a line per stat
 * with its value, change and sparkline (inline, {@code cid:}), the alerts that fired, links back,
 * and one-click unsubscribe headers (RFC 8058) so mail clients offer their own button. Styles are
 * inline: mail clients drop style sheets.
 */
public final class ReportMailPresenter implements ReportMail {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter ALERT_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final String UP = "#067647";
    private static final String DOWN = "#b42318";
    private static final String FLAT = "#5b6475";

    private final Templates templates;

    public ReportMailPresenter(Templates templates) {
        this.templates = templates;
    }

    public record LineView(String name, String url, String kind, String value, String change, String changeColour,
                           String previous, String sparkCid) {
    }

    public record AlertView(String time, String statName, String url, String message) {
    }

    public record ReportView(String title, String periodLabel, String zone, String intro, List<LineView> lines,
                             List<AlertView> alerts, String statsUrl, String manageUrl, String unsubscribeUrl) {
        // manageUrl, not settingsUrl: OGNL takes a method named set... for a setter and cannot read it

    }

    @Override
    public Mail render(Report report) {
        ReportView view = view(report);
        Map<String, Object> model = new HashMap<>();
        model.put("report", view);
        String html = templates.render("report-mail", model);
        List<InlineImage> images = report.stats().stream().filter(line -> line.sparkline().isPresent())
                .map(line -> new InlineImage(line.contentId(), "image/png", line.sparkline().get())).toList();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + view.unsubscribeUrl() + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Mail(report.to(), view.title() + ": " + view.periodLabel(), text(view), html, images,
                report.messageId(), headers);
    }

    ReportView view(Report report) {
        String base = report.webBase().toString();
        List<LineView> lines = new ArrayList<>();
        for (Report.StatLine line : report.stats()) {
            double change = line.changePercent().orElse(0);
            lines.add(new LineView(line.stat().name(), base + "/stats/" + line.stat().id(),
                    line.stat().counter() ? "total" : "mean", Formats.number(line.value()),
                    Formats.change(line.changePercent()), change > 0 ? UP : change < 0 ? DOWN : FLAT,
                    Formats.number(line.previous()), line.sparkline().isPresent() ? line.contentId() : null));
        }
        List<AlertView> alerts = report.alerts().stream().map(fired -> alert(fired, report, base)).toList();
        ReportPeriod period = report.period();
        String intro = report.stats().isEmpty()
                ? "No stat had data in this period."
                : report.starred() ? "Your starred stats, compared with the " + previousName(period) + "."
                : "Your most active stats, compared with the " + previousName(period)
                + ". Star stats on their pages to choose what this report shows.";
        return new ReportView(period.frequency() == ReportFrequency.WEEKLY ? "Your weekly Statfeed report"
                : "Your daily Statfeed report", label(period), period.zone().getId(), intro, lines, alerts,
                base + "/stats", base + "/settings",
                base + "/reports/unsubscribe?token=" + Links.encode(report.unsubscribeToken()));
    }

    private static AlertView alert(AlertStore.Fired fired, Report report, String base) {
        return new AlertView(ALERT_TIME.format(Instant.ofEpochMilli(fired.atMillis()).atZone(report.period().zone())),
                fired.statName(), base + "/stats/" + fired.statId(), fired.message());
    }

    static String label(ReportPeriod period) {
        return period.days() == 1 ? DAY.format(period.firstDay())
                : DAY_OF_MONTH.format(period.firstDay()) + " – " + DAY.format(period.lastDay());
    }

    private static String previousName(ReportPeriod period) {
        return period.days() == 1 ? "day before" : "week before";
    }

    static String text(ReportView view) {
        StringBuilder text = new StringBuilder();
        text.append(view.title()).append(": ").append(view.periodLabel()).append(" (").append(view.zone()).append(")\n\n")
                .append(view.intro()).append("\n\n");
        for (LineView line : view.lines()) {
            text.append(line.name()).append(": ").append(line.value()).append(" (").append(line.kind()).append(", ")
                    .append(line.change()).append(" from ").append(line.previous()).append(")\n  ")
                    .append(line.url()).append('\n');
        }
        if (!view.alerts().isEmpty()) {
            text.append("\nAlerts that fired\n");
            for (AlertView alert : view.alerts()) {
                text.append(alert.time()).append("  ").append(alert.message()).append("\n  ").append(alert.url())
                        .append('\n');
            }
        }
        text.append("\nAll your stats: ").append(view.statsUrl())
                .append("\nChange when reports come: ").append(view.manageUrl())
                .append("\nStop these reports: ").append(view.unsubscribeUrl()).append('\n');
        return text.toString();
    }
}
