package io.statfeed.webapp.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.webapp.http.JsonBodies;
import io.statfeed.webapp.http.Responses;
import io.statfeed.presenters.json.AccountJson;

/** Account routes of the JSON API. */
public final class AccountRoutes {
    private final SignUp signUp;

    public AccountRoutes(SignUp signUp) {
        this.signUp = signUp;
    }

    public void addTo(Javalin app) {
        app.post("/api/v1/accounts", this::signUp);
    }

    private void signUp(Context ctx) {
        JsonNode body = JsonBodies.object(ctx, "{\"email\":\"...\",\"password\":\"...\"}");
        SignUp.SignedUp signedUp = signUp.signUp(JsonBodies.text(body, "email"), JsonBodies.text(body, "password"),
                ctx.ip());
        Responses.json(ctx, 201, AccountJson.signedUp(signedUp));
    }
}
