package io.statfeed.webapp.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One signed-in visitor as a browser fetches for it: the session cookie on every request, gzip
 * accepted, and a page's images fetched concurrently over a few connections, as a browser does
 * (six per host). Its browser cache is always empty: every visit fetches everything. Anything
 * but a 200 with a body is a {@link Failure}.
 */
final class BenchBrowser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern IMG_SRC = Pattern.compile("<img\\b[^>]*\\bsrc=\"([^\"]+)\"");
    private static final int SHOWN_BODY_CHARS = 200;

    /** An answer as the visitor received it (decompressed). */
    record Response(String contentType, byte[] body) {
    }

    /** A request that did not answer 200 with a body. */
    static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String cookie;
    private final ExecutorService connections;
    private final Optional<Map<String, Response>> recorder;

    /**
     * @param http shared by every visitor of a run (its pool keeps connections open between visits)
     * @param recorder when present, every answer is kept under its path and query (for the baseline's replay)
     */
    BenchBrowser(HttpClient http, String sessionCookie, int connectionsPerPage, Optional<Map<String, Response>> recorder) {
        this.http = http;
        this.cookie = sessionCookie;
        this.connections = Executors.newFixedThreadPool(connectionsPerPage, runnable -> {
            Thread thread = new Thread(runnable, "bench-browser-connection");
            thread.setDaemon(true);
            return thread;
        });
        this.recorder = recorder;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    Response get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Cookie", cookie)
                .header("Accept-Encoding", "gzip")
                .GET().build();
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = answer.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()
                ? gunzip(answer.body()) : answer.body();
        if (answer.statusCode() != 200 || body.length == 0) {
            String shown = new String(body, StandardCharsets.UTF_8);
            throw new Failure("GET " + uri + " answered " + answer.statusCode() + ": "
                    + shown.substring(0, Math.min(shown.length(), SHOWN_BODY_CHARS)));
        }
        Response response = new Response(answer.headers().firstValue("Content-Type").orElse(""), body);
        recorder.ifPresent(kept -> kept.put(pathAndQuery(uri), response));
        return response;
    }

    /**
     * A page and then its images, at most {@code connectionsPerPage} at a time.
     *
     * @return the number of requests made
     */
    int pageWithImages(URI page) throws IOException, InterruptedException {
        Response html = get(page);
        List<URI> images = imageSources(page, new String(html.body(), StandardCharsets.UTF_8));
        List<Future<Response>> fetches = new ArrayList<>();
        for (URI image : images) {
            fetches.add(connections.submit(() -> get(image)));
        }
        for (Future<Response> fetch : fetches) {
            try {
                fetch.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        return 1 + images.size();
    }

    /** The images a page shows, resolved against its address. */
    static List<URI> imageSources(URI page, String html) {
        List<URI> sources = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            sources.add(page.resolve(m.group(1).replace("&amp;", "&")));
        }
        return sources;
    }

    static String pathAndQuery(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        connections.shutdownNow();
    }
}
