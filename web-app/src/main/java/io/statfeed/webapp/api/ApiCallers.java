package io.statfeed.webapp.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.Account;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.export.AccessTokens;
import java.util.Locale;

/**
 * Who calls the JSON API: every request under {@code /api/v1/} (but the sign-up that makes an
 * account and its first token) carries {@code Authorization: Bearer ACCESS_TOKEN}, one of the
 * account's access tokens, as the export API's are. A missing, malformed, unknown or revoked
 * token answers 401 before any route runs, whatever the path.
 */
public final class ApiCallers {
    public static final String PREFIX = "/api/v1/";
    static final String SIGN_UP_PATH = PREFIX + "accounts";
    private static final String ACCOUNT_ATTRIBUTE = "statfeed.api.account";
    private static final String VISITOR_ATTRIBUTE = "statfeed.api.visitor";
    private static final String SCHEME = "bearer ";

    private final AccessTokens tokens;

    public ApiCallers(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public void addTo(Javalin app) {
        app.before(PREFIX + "*", this::authenticate);
    }

    /** The account the request acts for; only routes under {@link #PREFIX} have one. */
    public static Account accountOf(Context ctx) {
        Account account = ctx.attribute(ACCOUNT_ATTRIBUTE);
        if (account == null) {
            throw new IllegalStateException(ctx.path() + " is not under " + PREFIX + ", which authenticates");
        }
        return account;
    }

    /** The person and account the request acts as: for the person's own things (feeds, follows). */
    public static Visitor visitorOf(Context ctx) {
        accountOf(ctx);
        return ctx.attribute(VISITOR_ATTRIBUTE);
    }

    private void authenticate(Context ctx) {
        if (ctx.path().equals(SIGN_UP_PATH)) {
            return; // open to everyone; a method other than POST falls through to its 405
        }
        try {
            String token = bearerToken(ctx.header("Authorization"));
            AccessTokens.Caller caller = tokens.callerOf(token);
            ctx.attribute(VISITOR_ATTRIBUTE, caller.visitor());
            ctx.attribute(ACCOUNT_ATTRIBUTE, caller.account());
        } catch (UnauthorizedException e) {
            ctx.header("WWW-Authenticate", "Bearer"); // RFC 6750: say which scheme would do
            throw e;
        }
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw new UnauthorizedException("send an access token as Authorization: Bearer ACCESS_TOKEN "
                    + "(tokens are made in Settings)");
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            throw new UnauthorizedException("the Authorization header must be Bearer ACCESS_TOKEN");
        }
        return header.substring(SCHEME.length()).strip();
    }
}
