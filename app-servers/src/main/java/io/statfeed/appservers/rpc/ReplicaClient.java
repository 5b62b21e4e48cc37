package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.InvalidInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one kind of app-server (graph or analysis) on a list of replicas. Calls are spread round
 * robin. A replica that cannot be reached, times out or answers 5xx is marked down for
 * {@link #DOWN_FOR} and the call moves on to the next; each replica is tried at most once per
 * call, down ones last, so a call still succeeds when the only live replica is one marked down.
 * A 4xx is the caller's fault: it is not retried but thrown as {@link InvalidInputException}
 * with the server's message. When every replica fails the call throws
 * {@link AppServerUnavailableException} naming each and why.
 *
 * <p>The calls are pure (a graph or an analysis of the numbers sent), so repeating one on another
 * replica is always safe. A call takes at most one timeout per replica.
 */
public final class ReplicaClient implements AutoCloseable {
    /** Long enough that a dead replica costs a few calls a minute, short enough to notice it is back. */
    public static final Duration DOWN_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ReplicaClient.class);
    private static final int SERVER_ERRORS = 500;
    private static final int CLIENT_ERRORS = 400;
    private static final int NOT_FOUND = 404;
    private static final int MAX_REASON = 200;

    private final String service;
    private final List<Replica> replicas;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param service what the replicas are, for messages: "graph" or "analysis"
     * @param replicas at least one
     * @param timeout for connecting and for the whole answer, per replica
     */
    public ReplicaClient(String service, List<Settings.HostPort> replicas, Duration timeout) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a " + service + " client needs at least one replica");
        }
        this.service = service;
        this.replicas = replicas.stream().map(Replica::new).toList();
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-" + service + "-rpc");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(executor).build();
    }

    /** POSTs a JSON body to {@code path} and returns the body of the first successful answer. */
    public byte[] post(String path, byte[] json) {
        List<String> failures = new ArrayList<>();
        for (Replica replica : callOrder()) {
            try {
                HttpResponse<byte[]> response = http.send(request(replica, path, json),
                        HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status < CLIENT_ERRORS) {
                    replica.markUp();
                    return response.body();
                }
                if (status >= CLIENT_ERRORS && status < SERVER_ERRORS && status != NOT_FOUND) {
                    replica.markUp();
                    throw new InvalidInputException(message(response.body()));
                }
                // 404: this process does not run the service (a wrong address); 5xx: it failed.
                failed(replica, failures, "answered " + status + ": " + message(response.body()));
            } catch (HttpTimeoutException e) {
                failed(replica, failures, "timed out after " + timeout.toMillis() + " ms");
            } catch (ConnectException e) {
                failed(replica, failures, e.getMessage() == null || e.getMessage().contains("refused")
                        ? "connection refused" : "cannot connect: " + e.getMessage());
            } catch (IOException e) {
                failed(replica, failures, "connection failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AppServerUnavailableException("interrupted while waiting for a " + service + " server");
            }
        }
        throw new AppServerUnavailableException("no " + service + " server answered: " + String.join(", ", failures));
    }

    /** Every replica once, starting from the next in turn, the ones marked down at the end. */
    private List<Replica> callOrder() {
        int first = Math.floorMod(next.getAndIncrement(), replicas.size());
        List<Replica> up = new ArrayList<>(replicas.size());
        List<Replica> down = new ArrayList<>();
        long now = System.nanoTime();
        for (int k = 0; k < replicas.size(); k++) {
            Replica replica = replicas.get((first + k) % replicas.size());
            (replica.isDown(now) ? down : up).add(replica);
        }
        up.addAll(down);
        return up;
    }

    private HttpRequest request(Replica replica, String path, byte[] json) {
        return HttpRequest.newBuilder(replica.base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", WireFormat.JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    private void failed(Replica replica, List<String> failures, String why) {
        if (!replica.isDown(System.nanoTime())) {
            log.warn("{} server {} failed ({}); marked down for {} s", service, replica.address, why,
                    DOWN_FOR.toSeconds());
        }
        replica.markDown();
        failures.add(replica.address + " (" + why + ")");
    }

    /** The {@code msg} of a JSON error answer, or the start of whatever else came. */
    private static String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode msg = WireFormat.MAPPER.readTree(text).get("msg");
            if (msg != null && msg.isTextual()) {
                return msg.asText();
            }
        } catch (IOException e) {
            // Not JSON (a proxy's error page, say): the text itself is the best message there is.
        }
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    /** Stops the client's threads; calls after this fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One replica's address and whether it failed lately. */
    private static final class Replica {
        private final Settings.HostPort address;
        private final URI base;
        private volatile long downUntil;
        private volatile boolean down;

        Replica(Settings.HostPort address) {
            this.address = address;
            this.base = URI.create("http://" + address.host() + ":" + address.port());
        }

        boolean isDown(long now) {
            return down && now - downUntil < 0;
        }

        void markDown() {
            downUntil = System.nanoTime() + DOWN_FOR.toNanos();
            down = true;
        }

        void markUp() {
            down = false;
        }
    }
}
