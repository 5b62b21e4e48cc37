package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * People with their live timeline open, as a browser holds it: one {@code GET /api/v1/feed/events}
 * (server-sent events) each, over a connection of its own. Notes when each {@code activity} event
 * arrived on each stream, by the activity's foreign id.
 */
final class LiveFollowers implements AutoCloseable {
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(60);

    /** Per foreign id, the arrival times (System.nanoTime) on each stream that got it. */
    final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final CountDownLatch connected;

    LiveFollowers(String webUrl, List<String> tokens) throws InterruptedException {
        connected = new CountDownLatch(tokens.size());
        for (String token : tokens) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl + "/api/v1/feed/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            CompletableFuture<HttpResponse<Stream<String>>> stream =
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            streams.add(stream);
            Thread reader = new Thread(() -> read(stream), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        if (!connected.await(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(connected.getCount() + " of " + tokens.size()
                    + " live streams did not connect within " + CONNECT_LIMIT.toSeconds() + " s");
        }
    }

    int size() {
        return streams.size();
    }

    private void read(CompletableFuture<HttpResponse<Stream<String>>> stream) {
        try {
            HttpResponse<Stream<String>> response = stream.get();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("feed/events answered " + response.statusCode());
            }
            boolean[] activity = {false};
            response.body().forEach(line -> {
                long now = System.nanoTime();
                if (line.startsWith(":")) {
                    connected.countDown(); // ": connected" first, ": ping" later; counting twice is harmless once zero
                } else if (line.startsWith("event:")) {
                    activity[0] = line.substring(6).strip().equals("activity");
                } else if (line.startsWith("data:") && activity[0]) {
                    foreignId(line.substring(5).strip()).ifPresent(id ->
                            arrivals.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(now));
                } else if (line.isEmpty()) {
                    activity[0] = false;
                }
            });
        } catch (Exception e) {
            // closed at the end of the run, or broken: a missing arrival is counted where it matters
        }
    }

    private static java.util.Optional<String> foreignId(String json) {
        try {
            JsonNode node = Http.JSON.readTree(json);
            return java.util.Optional.ofNullable(node.get("foreign_id")).map(JsonNode::asText);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        for (CompletableFuture<HttpResponse<Stream<String>>> stream : streams) {
            stream.thenAccept(r -> r.body().close());
            stream.cancel(true);
        }
        readers.forEach(Thread::interrupt);
    }
}
