package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.alerts.AlertView;
import io.statfeed.interactor.alerts.ChangeAlert;
import io.statfeed.interactor.alerts.CreateAlert;
import io.statfeed.interactor.alerts.ListAlerts;
import io.statfeed.interactor.alerts.TestAlert;
import io.statfeed.presenters.alerts.AlertPagePresenter;
import io.statfeed.presenters.json.AlertJson;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.HashMap;
import java.util.Map;

/** The alerts pages: the account's, a stat's, and one alert's, with the forms that change them. */
public final class AlertRoutes {
    /** Use cases the alert pages call. */
    public record UseCases(ListAlerts list, CreateAlert create, ChangeAlert change, TestAlert test) {
    }

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final UseCases useCases;
    private final AlertPagePresenter presenter;

    public AlertRoutes(PageSupport pages, SessionCookies cookies, UseCases useCases, AlertPagePresenter presenter) {
        this.pages = pages;
        this.cookies = cookies;
        this.useCases = useCases;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/alerts", this::list);
        app.post("/alerts", ctx -> create(ctx, Requests.formMap(ctx)));
        app.get("/stats/{id}/alerts", this::statList);
        app.post("/stats/{id}/alerts", ctx -> {
            Map<String, String> fields = new HashMap<>(Requests.formMap(ctx));
            fields.put("stat_id", Long.toString(Requests.pathId(ctx, "id", "stat")));
            create(ctx, fields);
        });
        app.get("/alerts/{id}", this::one);
        app.post("/alerts/{id}", this::edit);
        app.post("/alerts/{id}/mute", this::mute);
        app.post("/alerts/{id}/test", this::test);
        app.post("/alerts/{id}/delete", this::delete);
    }

    private void list(Context ctx) {
        long account = accountId(ctx);
        var alerts = useCases.list().all(account);
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, AlertJson.list(alerts));
            return;
        }
        Responses.html(ctx, presenter.listHtml(alerts, useCases.list().stats(account), null, pages.chrome(ctx, "alerts")));
    }

    private void statList(Context ctx) {
        long account = accountId(ctx);
        Stat stat = useCases.list().stat(account, Requests.pathId(ctx, "id", "stat"));
        var alerts = useCases.list().onStat(account, stat);
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, AlertJson.list(alerts));
            return;
        }
        Responses.html(ctx, presenter.listHtml(alerts, useCases.list().stats(account), stat, pages.chrome(ctx, "alerts")));
    }

    private void create(Context ctx, Map<String, String> fields) {
        AlertView created = useCases.create().create(accountId(ctx), fields);
        cookies.notice(ctx, "Alert created: " + created.condition() + ". It is judged every minute from now on.");
        Responses.seeOther(ctx, "/alerts/" + created.alert().id());
    }

    private void one(Context ctx) {
        AlertView alert = useCases.list().one(accountId(ctx), Requests.path(ctx, "id"));
        if (Negotiation.wantsJson(ctx)) {
            Responses.json(ctx, 200, AlertJson.one(alert));
            return;
        }
        Responses.html(ctx, presenter.oneHtml(alert, pages.chrome(ctx, "alerts")));
    }

    private void edit(Context ctx) {
        String id = Requests.path(ctx, "id");
        Map<String, String> fields = new HashMap<>(Requests.formMap(ctx));
        fields.remove("stat_id"); // an alert stays on its stat
        useCases.change().edit(accountId(ctx), id, fields);
        cookies.notice(ctx, "Alert saved.");
        Responses.seeOther(ctx, "/alerts/" + id);
    }

    private void mute(Context ctx) {
        String id = Requests.path(ctx, "id");
        boolean muted = switch (Requests.form(ctx, "muted").orElse("")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new InvalidInputException("muted must be on or off");
        };
        useCases.change().mute(accountId(ctx), id, muted);
        cookies.notice(ctx, muted ? "Alert muted: it is not judged and tells nobody until unmuted."
                : "Alert unmuted: it is judged again from the next minute.");
        Responses.seeOther(ctx, "/alerts/" + id);
    }

    private void test(Context ctx) {
        String id = Requests.path(ctx, "id");
        int queued = useCases.test().test(accountId(ctx), id);
        cookies.notice(ctx, "Test sent to " + queued + (queued == 1 ? " recipient" : " recipients")
                + "; it arrives within seconds, and the alert's state is unchanged.");
        Responses.seeOther(ctx, "/alerts/" + id);
    }

    private void delete(Context ctx) {
        useCases.change().delete(accountId(ctx), Requests.path(ctx, "id"));
        cookies.notice(ctx, "Alert deleted.");
        Responses.seeOther(ctx, "/alerts");
    }

    private long accountId(Context ctx) {
        return pages.require(ctx).visitor().accountId();
    }
}
