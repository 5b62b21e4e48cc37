package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.UsualBand;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.http.RequestBodies;
import io.statfeed.http.UnreadableBodyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC routes of an app-server:
 * <ul>
 *   <li>{@code POST /rpc/graph}: a JSON {@link GraphRequest} in, the image bytes out, with the
 *       format's content type ({@code image/png} or {@code image/svg+xml}).</li>
 *   <li>{@code POST /rpc/analysis}: a JSON {@link AnalysisRequest} in, a JSON
 *       {@link io.statfeed.appservers.analysis.Analysis} out.</li>
 *   <li>{@code POST /rpc/bands}: a JSON array of {@link UsualBand.Question}s in, their bands out.</li>
 *   <li>{@code GET /healthz}: {@code {"status":200,"msg":"ok","serves":["graph"]}}.</li>
 * </ul>
 * Failures answer {@code {"status":N,"msg":"..."}}: 400 for a malformed or invalid request, 404
 * for a service this process does not run, 500 (logged, no details) for anything else.
 */
public final class RpcRoutes {
    public static final String GRAPH_PATH = "/rpc/graph";
    public static final String ANALYSIS_PATH = "/rpc/analysis";
    public static final String BANDS_PATH = "/rpc/bands";
    public static final String HEALTH_PATH = "/healthz";
    private static final Logger log = LoggerFactory.getLogger(RpcRoutes.class);
    /** Jackson's messages name the field; past this they only add where in the input it was. */
    private static final int MAX_PARSE_MESSAGE = 300;
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int INTERNAL_ERROR = 500;

    private final Optional<GraphService> graph;
    private final Optional<AnalysisService> analysis;
    private final int maxRequestBytes;

    public RpcRoutes(Optional<GraphService> graph, Optional<AnalysisService> analysis, int maxRequestBytes) {
        this.graph = graph;
        this.analysis = analysis;
        this.maxRequestBytes = maxRequestBytes;
    }

    public void register(Javalin app) {
        app.post(GRAPH_PATH, this::graph);
        app.post(ANALYSIS_PATH, this::analysis);
        app.post(BANDS_PATH, this::bands);
        app.get(HEALTH_PATH, this::health);
        app.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, BAD_REQUEST, e.getMessage()));
        app.exception(UnreadableBodyException.class, (e, ctx) -> {
            log.info("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Connection", "close"); // what is left of the body cannot be told from a next request
            answer(ctx, e.status(), e.getMessage());
        });
        app.exception(JsonProcessingException.class, (e, ctx) -> answer(ctx, BAD_REQUEST, parseFailure(e)));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, INTERNAL_ERROR, "internal error; it has been logged");
        });
    }

    private void graph(Context ctx) throws IOException {
        GraphService service = graph.orElseThrow(() -> notServed("graph"));
        GraphImage image = service.render(WireFormat.MAPPER.readValue(body(ctx), GraphRequest.class));
        ctx.contentType(image.format().contentType()).result(image.bytes());
    }

    private void analysis(Context ctx) throws IOException {
        AnalysisService service = analysis.orElseThrow(() -> notServed("analysis"));
        AnalysisRequest request = WireFormat.MAPPER.readValue(body(ctx), AnalysisRequest.class);
        ctx.contentType(WireFormat.JSON).result(WireFormat.MAPPER.writeValueAsBytes(service.analyze(request)));
    }

    private void bands(Context ctx) throws IOException {
        AnalysisService service = analysis.orElseThrow(() -> notServed("analysis"));
        UsualBand.Question[] questions = WireFormat.MAPPER.readValue(body(ctx), UsualBand.Question[].class);
        ctx.contentType(WireFormat.JSON).result(WireFormat.MAPPER.writeValueAsBytes(service.expect(List.of(questions))));
    }

    private void health(Context ctx) {
        List<String> serves = new ArrayList<>();
        graph.ifPresent(g -> serves.add("graph"));
        analysis.ifPresent(a -> serves.add("analysis"));
        ctx.contentType(WireFormat.JSON).result(WireFormat.MAPPER.createObjectNode().put("status", 200).put("msg", "ok")
                .set("serves", WireFormat.MAPPER.valueToTree(serves)).toString());
    }

    private byte[] body(Context ctx) {
        return RequestBodies.readAll(ctx.req(), maxRequestBytes);
    }

    private static HttpResponseException notServed(String service) {
        return new HttpResponseException(NOT_FOUND, "this app-server does not serve " + service);
    }

    private static String parseFailure(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException instantiation) {
            // The records' constructors copy their lists; a missing one surfaces as a null pointer.
            return "malformed JSON request: " + instantiation.getType().getRawClass().getSimpleName()
                    + " has a missing or null field";
        }
        String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String message = "malformed JSON request: " + detail;
        return message.length() > MAX_PARSE_MESSAGE ? message.substring(0, MAX_PARSE_MESSAGE) + "..." : message;
    }

    private static void answer(Context ctx, int status, String message) {
        ctx.status(status).contentType(WireFormat.JSON).result(WireFormat.error(status, message));
    }
}
