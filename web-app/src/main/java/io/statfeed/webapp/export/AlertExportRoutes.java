package io.statfeed.webapp.export;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.Account;
import io.statfeed.interactor.alerts.ChangeAlert;
import io.statfeed.interactor.alerts.CreateAlert;
import io.statfeed.interactor.alerts.ListAlerts;
import io.statfeed.interactor.export.AccessTokens;
import io.statfeed.presenters.json.AlertJson;
import io.statfeed.webapp.http.JsonBodies;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;

/**
 * StatHat's alerts API on the export base: list, read, create (form fields as StatHat took them,
 * or a JSON object) and delete an account's alerts with one of its access tokens.
 */
public final class AlertExportRoutes {
    private static final String EXAMPLE = "{\"stat_id\":\"ID\",\"kind\":\"value\",\"time_window\":\"5m\","
            + "\"operator\":\"greater than\",\"threshold\":100}";

    private final AccessTokens tokens;
    private final CreateAlert create;
    private final ListAlerts list;
    private final ChangeAlert change;

    public AlertExportRoutes(AccessTokens tokens, CreateAlert create, ListAlerts list, ChangeAlert change) {
        this.tokens = tokens;
        this.create = create;
        this.list = list;
        this.change = change;
    }

    public void addTo(Javalin app) {
        app.get("/x/{token}/alerts", ctx -> Responses.json(ctx, 200, AlertJson.list(list.all(account(ctx).id()))));
        app.get("/x/{token}/alerts/{id}", ctx ->
                Responses.json(ctx, 200, AlertJson.one(list.one(account(ctx).id(), Requests.path(ctx, "id")))));
        app.post("/x/{token}/alerts", this::create);
        app.delete("/x/{token}/alerts/{id}", ctx -> {
            change.delete(account(ctx).id(), Requests.path(ctx, "id"));
            Responses.json(ctx, 200, AlertJson.deleted());
        });
    }

    private void create(Context ctx) {
        Account account = account(ctx);
        Responses.json(ctx, 200, AlertJson.one(create.create(account.id(), JsonBodies.fields(ctx, EXAMPLE))));
    }

    private Account account(Context ctx) {
        return tokens.accountOf(Requests.path(ctx, "token"));
    }
}
