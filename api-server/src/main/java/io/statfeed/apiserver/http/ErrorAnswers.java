package io.statfeed.apiserver.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.statfeed.apiserver.directory.UnknownKeyLimit.TooManyUnknownKeysException;
import io.statfeed.apiserver.ingest.BufferFullException;
import io.statfeed.apiserver.ingest.PayloadTooLargeException;
import io.statfeed.apiserver.ingest.UnknownKeyException;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.StorageUnavailableException;
import io.statfeed.http.UnreadableBodyException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of the api-server becomes a status and a message here, in one place. */
public final class ErrorAnswers {
    private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    private ErrorAnswers() {
    }

    public static void register(Javalin app, Answers answers) {
        app.exception(PayloadTooLargeException.class, (e, ctx) -> answers.error(ctx, 413, e.getMessage()));
        app.exception(InvalidInputException.class, (e, ctx) -> answers.error(ctx, 400, e.getMessage()));
        app.exception(UnknownKeyException.class, (e, ctx) ->
                answers.error(ctx, e.isStatKey() ? 404 : 401, e.getMessage()));
        app.exception(TooManyUnknownKeysException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(TooManyUnknownKeysException.RETRY_AFTER.toSeconds()));
            answers.error(ctx, 429, e.getMessage());
        });
        app.exception(BufferFullException.class, (e, ctx) -> unavailable(answers, ctx, e.getMessage()));
        app.exception(StorageUnavailableException.class, (e, ctx) -> storageDown(answers, ctx, e));
        app.exception(DataAccessException.class, (e, ctx) -> storageDown(answers, ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> answers.error(ctx, e.getStatus(), e.getMessage()));
        app.exception(UnreadableBodyException.class, (e, ctx) -> {
            // The client went away, or sent a broken or too slow body: nothing was accepted.
            log.debug("request body unreadable: {}", e.getMessage());
            ctx.header("Connection", "close"); // what is left of the body cannot be told from a next request
            answers.error(ctx, e.status(), e.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            answers.error(ctx, 500, "internal error; it has been logged");
        });
    }

    private static void storageDown(Answers answers, Context ctx, Exception e) {
        log.warn("storage unavailable while checking keys: {}", e.toString());
        unavailable(answers, ctx, "storage is unavailable");
    }

    private static void unavailable(Answers answers, Context ctx, String why) {
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        answers.error(ctx, 503, why + "; retry later");
    }
}
