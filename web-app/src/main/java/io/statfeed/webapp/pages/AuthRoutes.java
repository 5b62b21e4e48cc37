package io.statfeed.webapp.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.TooManyAttemptsException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.session.LogIn;
import io.statfeed.interactor.session.LogOut;
import io.statfeed.interactor.session.NewSession;
import io.statfeed.interactor.session.StartSession;
import io.statfeed.presenters.html.AuthPagePresenter;
import io.statfeed.presenters.html.AuthPagePresenter.Form;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.session.SessionCookies;
import java.util.regex.Pattern;

/**
 * Signing up, logging in and out with pages. A mistake shows the form again with what was wrong
 * (and the status that says so), keeping the email typed but never the password.
 */
public final class AuthRoutes {
    private static final String HOME = "/stats";
    /** Only a path on this site is followed after log-in; anything else could send people elsewhere. */
    private static final int MAX_SUGGESTED_EMAIL = 254;
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]{0,500}");

    private final PageSupport pages;
    private final SessionCookies cookies;
    private final SignUp signUp;
    private final StartSession startSession;
    private final LogIn logIn;
    private final LogOut logOut;
    private final AuthPagePresenter presenter;

    public AuthRoutes(PageSupport pages, SessionCookies cookies, SignUp signUp, StartSession startSession,
                      LogIn logIn, LogOut logOut, AuthPagePresenter presenter) {
        this.pages = pages;
        this.cookies = cookies;
        this.signUp = signUp;
        this.startSession = startSession;
        this.logIn = logIn;
        this.logOut = logOut;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get("/", this::home);
        app.get("/signup", ctx -> Responses.html(ctx, presenter.signup(new Form(suggestedEmail(ctx), null, next(ctx)),
                pages.chrome(ctx, "signup"))));
        app.post("/signup", this::signUp);
        app.get("/login", ctx -> Responses.html(ctx, presenter.login(Form.blank(next(ctx)), pages.chrome(ctx, "login"))));
        app.post("/login", this::logIn);
        app.post("/logout", this::logOut);
    }

    private void home(Context ctx) {
        if (pages.signedIn(ctx).isPresent()) {
            Responses.seeOther(ctx, HOME);
        } else {
            Responses.html(ctx, presenter.landing(pages.chrome(ctx, "home")));
        }
    }

    private void signUp(Context ctx) {
        String email = Requests.form(ctx, "email").orElse("");
        String next = safeNext(Requests.form(ctx, "next").orElse(""));
        try {
            SignUp.SignedUp account = signUp.signUp(email, Requests.form(ctx, "password").orElse(""), ctx.ip());
            cookies.start(ctx, startSession.startAfter(account).token());
            cookies.notice(ctx, "Welcome to Statfeed. Your keys and first steps are under Keys & settings.");
            Responses.seeOther(ctx, next.isEmpty() ? HOME : next);
        } catch (InvalidInputException | ConflictException | TooManyAttemptsException e) {
            int status = e instanceof ConflictException ? 409 : e instanceof TooManyAttemptsException ? 429 : 400;
            if (e instanceof TooManyAttemptsException tooMany) {
                ctx.header("Retry-After", Long.toString(tooMany.retryAfter().toSeconds()));
            }
            Responses.html(ctx, status, presenter.signup(new Form(email, e.getMessage(), next),
                    pages.chrome(ctx, "signup")));
        }
    }

    private void logIn(Context ctx) {
        String email = Requests.form(ctx, "email").orElse("");
        String next = safeNext(Requests.form(ctx, "next").orElse(""));
        try {
            NewSession session = logIn.logIn(email, Requests.form(ctx, "password").orElse(""), ctx.ip());
            cookies.start(ctx, session.token());
            Responses.seeOther(ctx, next.isEmpty() ? HOME : next);
        } catch (InvalidInputException | UnauthorizedException | TooManyAttemptsException e) {
            int status = 401;
            if (e instanceof InvalidInputException) {
                status = 400;
            } else if (e instanceof TooManyAttemptsException tooMany) {
                status = 429;
                ctx.header("Retry-After", Long.toString(tooMany.retryAfter().toSeconds()));
            }
            Responses.html(ctx, status, presenter.login(new Form(email, e.getMessage(), next),
                    pages.chrome(ctx, "login")));
        }
    }

    private void logOut(Context ctx) {
        String token = ctx.cookie(SessionCookies.SESSION_COOKIE);
        if (token != null && !token.isBlank()) {
            logOut.logOut(token);
        }
        cookies.end(ctx);
        Responses.seeOther(ctx, "/");
    }

    /** An address to fill in (an invite link's), shown in the form only: nothing is done with it until posted. */
    private static String suggestedEmail(Context ctx) {
        return Requests.query(ctx, "email").filter(email -> email.length() <= MAX_SUGGESTED_EMAIL).orElse("");
    }

    private static String next(Context ctx) {
        return safeNext(Requests.query(ctx, "next").orElse(""));
    }

    private static String safeNext(String next) {
        return LOCAL_PATH.matcher(next).matches() ? next : "";
    }
}
