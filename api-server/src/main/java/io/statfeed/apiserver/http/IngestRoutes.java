package io.statfeed.apiserver.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.apiserver.ingest.Ingestor;
import io.statfeed.apiserver.ingest.PayloadTooLargeException;
import io.statfeed.apiserver.ingest.Posts;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.http.RequestBodies;
import io.statfeed.http.UnreadableBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.BadMessageException;

/** StatHat's ingest endpoints: /ez (form, query string or JSON batch), /c and /v. */
public final class IngestRoutes {
    /** Large enough for a full JSON batch of long names; anything bigger is refused unread. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final Ingestor ingestor;
    private final Answers answers;

    public IngestRoutes(Ingestor ingestor, Answers answers) {
        this.ingestor = ingestor;
        this.answers = answers;
    }

    public void register(Javalin app) {
        app.get("/ez", ctx -> ez(ctx, false));
        app.post("/ez", ctx -> ez(ctx, true));
        app.get("/c", ctx -> classic(ctx, true, false));
        app.post("/c", ctx -> classic(ctx, true, true));
        app.get("/v", ctx -> classic(ctx, false, false));
        app.post("/v", ctx -> classic(ctx, false, true));
    }

    private void ez(Context ctx, boolean hasBody) {
        byte[] body = hasBody ? body(ctx) : null;
        String type = contentType(ctx);
        if (body != null && isJson(type, body)) {
            answerWhenDurable(ctx, ingestor.ingest(Posts.ezJson(body), ctx.ip()), true);
            return;
        }
        requireForm(type);
        answerWhenDurable(ctx, ingestor.ingest(Posts.ezForm(FormFields.of(ctx.queryString(), body)), ctx.ip()), false);
    }

    private void classic(Context ctx, boolean counter, boolean hasBody) {
        byte[] body = hasBody ? body(ctx) : null;
        requireForm(contentType(ctx));
        answerWhenDurable(ctx, ingestor.ingest(Posts.classicForm(FormFields.of(ctx.queryString(), body), counter), ctx.ip()),
                false);
    }

    /**
     * Answers once the journal has the points, without holding a request thread meanwhile: the
     * thread goes back to taking requests, and the answer is written when the group commit
     * completes. Failures reach the same exception mapping as synchronous ones.
     */
    private void answerWhenDurable(Context ctx, CompletableFuture<Ingestor.Outcome> outcome, boolean batch) {
        if (outcome.isDone() && !outcome.isCompletedExceptionally()) {
            answers.outcome(ctx, outcome.join(), batch);
            return;
        }
        ctx.future(() -> outcome.thenAccept(result -> answers.outcome(ctx, result, batch)));
    }

    /** The request's content type in lower case, or "" when it has none. */
    private static String contentType(Context ctx) {
        String type = ctx.contentType();
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type, byte[] body) {
        if (type.contains("json")) {
            return true;
        }
        // Some clients post JSON without saying so.
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static void requireForm(String type) {
        if (type.startsWith("multipart/")) {
            throw new InvalidInputException("send the fields as application/x-www-form-urlencoded or in the "
                    + "query string, not as multipart");
        }
    }

    /** The body, read with a hard limit whether or not the client sent a Content-Length. */
    private static byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException("the body is " + declared + " bytes; at most " + MAX_BODY_BYTES
                    + " are allowed");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            // With a Content-Length, Jetty ends the stream there: one exact read. Without one
            // (chunked), read in pieces and stop at the limit.
            byte[] read = RequestBodies.read(in, declared, MAX_BODY_BYTES);
            CharCountedBodies.Recovered recovered = CharCountedBodies.recover(read, declared, MAX_BODY_BYTES);
            if (recovered.closeConnection()) {
                ctx.header("Connection", "close");
            }
            return recovered.body();
        } catch (IOException | BadMessageException e) {
            throw UnreadableBodyException.of(e, declared); // malformed, cut short or too slow: the client's doing
        }
    }
}
