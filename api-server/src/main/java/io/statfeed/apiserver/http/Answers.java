package io.statfeed.apiserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.statfeed.apiserver.ingest.Ingestor;
import io.statfeed.apiserver.ingest.Rejection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api-server's answers, all in StatHat's shape: {@code {"status":N,"msg":"..."}}. Every
 * answer passes here, so this is where they are counted.
 */
public final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    public static final String JSON = "application/json";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final byte[] OK = "{\"status\":200,\"msg\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper mapper = new ObjectMapper();

    private final Listener listener;

    /** Told of every answer: its status and how many data points it acknowledged (self-monitoring). */
    public interface Listener {
        void answered(int status, int pointsStored);
    }

    public Answers(Listener listener) {
        this.listener = listener;
    }

    void error(Context ctx, int status, String msg) {
        send(ctx, status, 0, body(status, msg).toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every answer allows any origin: per-stat keys exist so that web pages can post, and no
     * cookie or session is involved. Set here rather than in a before-handler, which would cost
     * a route match on every request of the hot path. The bytes are written straight to the
     * response with their length, so Jetty sends head and body at once: a result handed to
     * Javalin is copied through a stream with a fresh 8 KiB buffer, which cost a third of the
     * thread that answers journaled requests (BENCHMARKS.md).
     */
    private void send(Context ctx, int status, int pointsStored, byte[] body) {
        listener.answered(status, pointsStored);
        HttpServletResponse response = ctx.res();
        response.setStatus(status);
        response.setHeader(ALLOW_ORIGIN, "*");
        response.setContentType(JSON);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException e) {
            log.debug("the client went away before its answer: {}", e.toString()); // its points are journaled
        }
    }

    public static String errorBody(int status, String msg) {
        return body(status, msg).toString();
    }

    /**
     * A post's outcome. All stored: 200 ok. Some stored: 200, saying how many and listing the
     * rejected points (a client that retried on a 4xx would count the stored ones twice).
     * None stored: the rejections' own status when they agree, else 400.
     */
    void outcome(Context ctx, Ingestor.Outcome outcome, boolean batch) {
        List<Rejection> rejections = outcome.rejections();
        if (rejections.isEmpty()) {
            send(ctx, 200, outcome.stored(), OK);
            return;
        }
        int status;
        String msg;
        if (outcome.stored() > 0) {
            status = 200;
            msg = "stored " + outcome.stored() + " of " + outcome.posted() + " data points";
        } else {
            status = rejections.stream().mapToInt(Rejection::status).distinct().count() == 1
                    ? rejections.get(0).status() : 400;
            msg = outcome.posted() == 1 ? rejections.get(0).msg()
                    : "none of the " + outcome.posted() + " data points was stored";
        }
        ObjectNode body = body(status, msg);
        if (batch) {
            ArrayNode rejected = body.putArray("rejected");
            for (Rejection r : rejections) {
                rejected.addObject().put("index", r.index()).put("status", r.status()).put("msg", r.msg());
            }
        }
        send(ctx, status, outcome.stored(), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode body(int status, String msg) {
        return mapper.createObjectNode().put("status", status).put("msg", msg);
    }
}
