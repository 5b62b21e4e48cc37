package io.statfeed.webapp.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.http.JsonErrorHandler;
import io.statfeed.http.SlowClients;
import io.statfeed.http.UnreadableBodyException;
import io.statfeed.core.storage.StorageUnavailableException;
import io.statfeed.interactor.ConflictException;
import io.statfeed.interactor.ForbiddenException;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.TooManyAttemptsException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.reports.ReportNotSentException;
import io.statfeed.interactor.teams.InviteClosedException;
import io.statfeed.interactor.teams.InviteNotSentException;
import io.statfeed.presenters.json.StatusJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers. Every error, whether a domain exception, a
 * Javalin response (unknown route, wrong method) or a request Jetty refuses before routing,
 * answers {@code {"status":N,"msg":"..."}}; nothing answers HTML or a stack trace.
 */
public final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    public static final String INTERNAL_ERROR_MESSAGE = "internal error; it has been logged";
    public static final String STORAGE_DOWN_MESSAGE = "storage is unavailable; try again shortly";
    public static final String RETRY_AFTER_SECONDS = "5";
    private static final int FIRST_ERROR_STATUS = 400;
    private static final int LAST_ERROR_STATUS = 599;

    private ErrorMapping() {
    }

    /** Renders an error as a page, for browsers navigating rather than scripts. */
    public interface ErrorPage {
        String html(Context ctx, int status, String message);
    }

    public static void addTo(Javalin app, ErrorPage errorPage) {
        app.exception(LoginRequired.class, (e, ctx) ->
                Responses.seeOther(ctx, "/login?next=" + URLEncoder.encode(e.next(), StandardCharsets.UTF_8)));
        app.exception(AppServerUnavailableException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            answer(ctx, 503, e.getMessage(), errorPage);
        });
        app.exception(TooManyAttemptsException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            answer(ctx, 429, e.getMessage(), errorPage);
        });
        app.exception(ReportNotSentException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            answer(ctx, 503, e.getMessage(), errorPage);
        });
        app.exception(InviteNotSentException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            answer(ctx, 503, e.getMessage(), errorPage);
        });
        app.exception(ForbiddenException.class, (e, ctx) -> answer(ctx, 403, e.getMessage(), errorPage));
        app.exception(InviteClosedException.class, (e, ctx) -> answer(ctx, 410, e.getMessage(), errorPage));
        app.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), errorPage));
        app.exception(UnauthorizedException.class, (e, ctx) -> answer(ctx, 401, e.getMessage(), errorPage));
        app.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e.getMessage(), errorPage));
        app.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e.getMessage(), errorPage));
        app.exception(UnreadableBodyException.class, (e, ctx) -> {
            log.info("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Connection", "close"); // what is left of the body cannot be told from a next request
            answer(ctx, e.status(), e.getMessage(), errorPage);
        });
        app.exception(Requests.BodyTooLargeException.class, (e, ctx) -> {
            ctx.header("Connection", "close"); // the rest of the body is not read
            answer(ctx, 413, e.getMessage(), errorPage);
        });
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(),
                e.getStatus() == 405 ? "method " + ctx.method() + " is not allowed on " + ctx.path() : e.getMessage(),
                errorPage));
        app.exception(StorageUnavailableException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            answer(ctx, 503, STORAGE_DOWN_MESSAGE, errorPage);
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, INTERNAL_ERROR_MESSAGE, errorPage);
        });
        // A status set without a body (by Javalin or a plugin) still answers in the same shape.
        for (int status = FIRST_ERROR_STATUS; status <= LAST_ERROR_STATUS; status++) {
            int code = status;
            app.error(code, ctx -> {
                String result = ctx.result();
                if (result == null || result.isEmpty()) {
                    answer(ctx, code, reason(code), errorPage);
                }
            });
        }
    }

    /**
     * Requests Jetty refuses before they reach Javalin (bad URIs, oversized headers) answer JSON
     * too, and slow clients are cut off in seconds.
     */
    public static void configureJetty(JavalinConfig config) {
        SlowClients.configure(config);
        JsonErrorHandler handler = new JsonErrorHandler(Responses.JSON, StatusJson::of);
        config.jetty.modifyServer(server -> server.setErrorHandler(handler));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(handler));
    }

    private static void answer(Context ctx, int status, String message, ErrorPage errorPage) {
        String msg = message == null || message.isBlank() ? reason(status) : message;
        if (Negotiation.wantsHtml(ctx)) {
            Responses.html(ctx, status, errorPage.html(ctx, status, msg));
        } else {
            Responses.json(ctx, status, StatusJson.of(status, msg));
        }
    }

    public static String reason(int status) {
        return JsonErrorHandler.reason(status);
    }
}
