package io.statfeed.webapp.session;

import io.javalin.http.Context;
import io.statfeed.interactor.session.SignedIn;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.statfeed.webapp.http.Requests;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Every state-changing request from a page carries the session's CSRF token (a form field
 * {@code csrf} or the header {@code X-CSRF-Token}); before sign-in, the token of the CSRF cookie.
 * The token-authenticated APIs ({@code /x/TOKEN/...}, {@code /api/...}) carry no cookies and are exempt, and so
 * is a report's unsubscribe link: its signed token is the authority, and mail clients post it without a session.
 */
public final class CsrfGuard {
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    static final String REFUSED = "this form has expired or came from another site; reload the page and try again";
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    /** As {@code ReportRoutes.UNSUBSCRIBE_PATH}; the session package does not depend on the pages. */
    static final String UNSUBSCRIBE_PATH = "/reports/unsubscribe";

    private final SessionCookies cookies;

    public CsrfGuard(SessionCookies cookies) {
        this.cookies = cookies;
    }

    public void check(Context ctx) {
        if (!CHANGES.contains(ctx.method()) || ctx.path().startsWith("/x/") || ctx.path().startsWith("/api/")
                || ctx.path().equals(UNSUBSCRIBE_PATH)) {
            return;
        }
        String expected = cookies.current(ctx).map(SignedIn::csrfToken)
                .orElseGet(() -> ctx.cookie(SessionCookies.CSRF_COOKIE));
        String sent = Optional.ofNullable(ctx.header(HEADER)).orElseGet(() -> formField(ctx));
        if (expected == null || expected.isEmpty() || sent == null || !same(expected, sent)) {
            throw new ForbiddenResponse(REFUSED);
        }
    }

    private static String formField(Context ctx) {
        return Requests.form(ctx, FIELD).orElse(null);
    }

    private static boolean same(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
