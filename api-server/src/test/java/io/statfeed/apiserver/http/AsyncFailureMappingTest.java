package io.statfeed.apiserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import io.statfeed.apiserver.ingest.BufferFullException;
import io.statfeed.apiserver.ingest.Ingestor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ingest routes answer from a future that the journal completes later; a failure there (a
 * journal that cannot be written) must meet the same error mapping as a synchronous one.
 */
class AsyncFailureMappingTest {
    @Test
    void a_future_failing_later_on_another_thread_answers_503_with_retry_after() throws Exception {
        List<Integer> counted = new ArrayList<>();
        Answers answers = new Answers((status, points) -> counted.add(status));
        var later = Executors.newSingleThreadScheduledExecutor();
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        ErrorAnswers.register(app, answers);
        app.post("/ez", ctx -> {
            CompletableFuture<Void> journaled = new CompletableFuture<>();
            later.schedule(() -> journaled.completeExceptionally(new BufferFullException("the ingest journal cannot be "
                    + "written")), 50, TimeUnit.MILLISECONDS);
            ctx.future(() -> journaled.thenAccept(nothing -> answers.outcome(ctx, new Ingestor.Outcome(1, 1, List.of()), false)));
        });
        app.start(0);
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/ez"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, answer.statusCode());
            assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
            assertEquals("{\"status\":503,\"msg\":\"the ingest journal cannot be written; retry later\"}", answer.body());
            assertEquals(List.of(503), counted);
        } finally {
            app.stop();
            later.shutdownNow();
        }
    }
}
