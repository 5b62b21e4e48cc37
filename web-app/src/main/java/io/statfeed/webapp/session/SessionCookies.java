package io.statfeed.webapp.session;

import io.javalin.http.Context;
import io.statfeed.interactor.session.SignedIn;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.statfeed.core.model.Secrets;
import io.statfeed.webapp.http.LoginRequired;
import io.statfeed.webapp.http.Negotiation;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.session.ResumeSession;
import io.statfeed.interactor.session.Sessions;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The session cookie and what hangs off it. The session itself lives in the database (so any
 * web-app process behind a load balancer can serve any request); the cookie holds only its
 * random token, HttpOnly and SameSite=Lax, and Secure when the public address is https.
 */
public final class SessionCookies {
    public static final String SESSION_COOKIE = "statfeed_session";
    /** Before sign-in, forms carry a token that must match this cookie (double submit). */
    public static final String CSRF_COOKIE = "statfeed_csrf";
    static final String NOTICE_COOKIE = "statfeed_notice";
    private static final int MAX_NOTICE = 200;
    private static final int CSRF_BYTES = 24;
    /** 24 random bytes in URL-safe base64. */
    private static final int CSRF_LENGTH = 32;
    private static final String ATTRIBUTE = "statfeed.signedIn";

    private final ResumeSession resume;
    private final boolean secure;
    private final Clock clock;

    public SessionCookies(ResumeSession resume, boolean secure, Clock clock) {
        this.resume = resume;
        this.secure = secure;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    public Optional<SignedIn> current(Context ctx) {
        Object cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return (Optional<SignedIn>) cached;
        }
        String token = ctx.cookie(SESSION_COOKIE);
        Optional<SignedIn> found = token == null || token.isBlank() ? Optional.empty() : resume.resume(token);
        ctx.attribute(ATTRIBUTE, found);
        // The session slides forward with use; the cookie follows (on reads, so that a log-out's
        // clearing of the cookie is the only Set-Cookie it answers with), so it never expires first.
        if ("GET".equals(ctx.method().name())) {
            found.ifPresent(signedIn -> ctx.cookie(cookie(SESSION_COOKIE, token,
                    (int) Math.max(0, (signedIn.expiresAtMillis() - clock.millis()) / 1_000))));
        }
        return found;
    }

    /** The signed-in visitor; otherwise a page request is sent to log in and a script asking for JSON gets 401. */
    public SignedIn require(Context ctx) {
        return current(ctx).orElseThrow(() -> {
            if (!Negotiation.wantsJson(ctx) && "GET".equals(ctx.method().name())) {
                throw new LoginRequired(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
            }
            return new UnauthorizedException("log in first: this needs a session");
        });
    }

    public void start(Context ctx, String token) {
        ctx.cookie(cookie(SESSION_COOKIE, token, (int) Sessions.LIFETIME.toSeconds()));
        ctx.attribute(ATTRIBUTE, null);
    }

    public void end(Context ctx) {
        ctx.cookie(cookie(SESSION_COOKIE, "", 0));
    }

    /** The pre-session CSRF token, set as a cookie on first use so that the login and sign-up forms can carry it. */
    public String anonymousCsrf(Context ctx) {
        String existing = ctx.cookie(CSRF_COOKIE);
        if (existing != null && existing.length() == CSRF_LENGTH) {
            return existing;
        }
        String token = Secrets.newKey(CSRF_BYTES);
        ctx.cookie(cookie(CSRF_COOKIE, token, -1));
        return token;
    }

    /** A one-line notice for the next page ("Dashboard created"), carried by a short-lived cookie. */
    public void notice(Context ctx, String text) {
        String cut = text.length() > MAX_NOTICE ? text.substring(0, MAX_NOTICE) : text;
        ctx.cookie(cookie(NOTICE_COOKIE, URLEncoder.encode(cut, StandardCharsets.UTF_8), 60));
    }

    public Optional<String> takeNotice(Context ctx) {
        String raw = ctx.cookie(NOTICE_COOKIE);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        ctx.cookie(cookie(NOTICE_COOKIE, "", 0));
        try {
            String text = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            return text.length() > MAX_NOTICE ? Optional.empty() : Optional.of(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Cookie cookie(String name, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(name, value, "/", maxAgeSeconds, secure);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        return cookie;
    }
}
