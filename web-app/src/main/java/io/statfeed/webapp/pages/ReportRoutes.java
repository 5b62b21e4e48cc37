package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.reports.ChangeReportSettings;
import io.statfeed.interactor.reports.ReportDelivery;
import io.statfeed.interactor.reports.SendReportNow;
import io.statfeed.interactor.reports.StarStat;
import io.statfeed.interactor.reports.UnsubscribeFromReports;
import io.statfeed.presenters.mail.UnsubscribePresenter;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.Locale;

/**
 * Email reports from the pages: the star buttons, the report settings and "send me a report
 * now", and the unsubscribe link of every report, which works without logging in: its signed
 * token is the authority, so mail clients' one-click POST ({@code List-Unsubscribe=One-Click})
 * needs no session and no CSRF token (see {@link io.statfeed.webapp.session.CsrfGuard}).
 */
public final class ReportRoutes {
    public static final String UNSUBSCRIBE_PATH = "/reports/unsubscribe";

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final StarStat starStat;
    private final ChangeReportSettings changeSettings;
    private final SendReportNow sendNow;
    private final UnsubscribeFromReports unsubscribe;
    private final UnsubscribePresenter presenter;

    public ReportRoutes(PageSupport pages, SessionCookies cookies, StarStat starStat,
                        ChangeReportSettings changeSettings, SendReportNow sendNow,
                        UnsubscribeFromReports unsubscribe, UnsubscribePresenter presenter) {
        this.pages = pages;
        this.cookies = cookies;
        this.starStat = starStat;
        this.changeSettings = changeSettings;
        this.sendNow = sendNow;
        this.unsubscribe = unsubscribe;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.post("/stats/{id}/star", this::star);
        app.post("/settings/reports", this::changeSettings);
        app.post("/settings/reports/send", this::sendNow);
        app.get(UNSUBSCRIBE_PATH, this::confirmUnsubscribe);
        app.post(UNSUBSCRIBE_PATH, this::unsubscribe);
    }

    /** The form says the state it wants (on or off), so posting it twice does not flip the star back. */
    private void star(Context ctx) {
        Visitor visitor = pages.require(ctx).visitor();
        long statId = Requests.pathId(ctx, "id", "stat");
        boolean starred = switch (Requests.requiredForm(ctx, "starred", "on or off").toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new InvalidInputException("starred must be on or off");
        };
        starStat.set(visitor, statId, starred);
        boolean toList = Requests.form(ctx, "back").filter("list"::equals).isPresent();
        Responses.seeOther(ctx, toList ? "/stats" : "/stats/" + statId);
    }

    private void changeSettings(Context ctx) {
        var saved = changeSettings.change(pages.require(ctx).visitor(), Requests.formMap(ctx));
        cookies.notice(ctx, saved.subscribed()
                ? "Reports saved: " + saved.frequency().storedName() + " at "
                + String.format(Locale.ROOT, "%02d:00", saved.hourOfDay()) + " " + saved.zone().getId() + "."
                : "Reports are off.");
        Responses.seeOther(ctx, "/settings#reports");
    }

    private void sendNow(Context ctx) {
        ReportDelivery.Sent sent = sendNow.send(pages.require(ctx).visitor());
        cookies.notice(ctx, "A report with " + sent.stats() + (sent.stats() == 1 ? " stat" : " stats")
                + " is on its way to " + sent.to() + ".");
        Responses.seeOther(ctx, "/settings#reports");
    }

    /** A link's GET only asks: mail scanners that open every link must not unsubscribe anyone. */
    private void confirmUnsubscribe(Context ctx) {
        String token = token(ctx);
        Responses.html(ctx, presenter.html(unsubscribe.check(token), false, token, pages.chrome(ctx, "reports")));
    }

    private void unsubscribe(Context ctx) {
        String token = token(ctx);
        UnsubscribeFromReports.Subscriber stopped = unsubscribe.unsubscribe(token);
        Responses.html(ctx, presenter.html(stopped, true, token, pages.chrome(ctx, "reports")));
    }

    private static String token(Context ctx) {
        return Requests.query(ctx, "token").orElseThrow(() -> new InvalidInputException(
                "token is missing: open the unsubscribe link of a report as it was sent"));
    }
}
