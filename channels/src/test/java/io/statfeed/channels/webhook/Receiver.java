package io.statfeed.channels.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;

/**
 * A webhook receiver on 127.0.0.1 that answers by path: {@code /status/CODE} answers CODE,
 * {@code /slow} waits longer than any test's timeout, {@code /moved} redirects to {@code /status/200}.
 * Every request it gets is kept for the test to look at.
 */
final class Receiver implements AutoCloseable {
    record Request(String path, String host, String contentType, String userAgent, String signature,
                   String delivery, String body, String sniHost) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    private Receiver(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver http() throws IOException {
        return new Receiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static Receiver https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new Receiver(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url(String host, String path) {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://" + host + ":" + port() + path);
    }

    /** The next request, or null if none came within a second. */
    Request next() throws InterruptedException {
        return requests.poll(1, TimeUnit.SECONDS);
    }

    List<Request> received() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            requests.add(new Request(exchange.getRequestURI().toString(), headers.getFirst("Host"),
                    headers.getFirst("Content-Type"), headers.getFirst("User-Agent"),
                    headers.getFirst("X-Statfeed-Signature"), headers.getFirst("X-Statfeed-Delivery"), body,
                    sni(exchange)));
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/status/")) {
                exchange.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
            } else if (path.equals("/slow")) {
                sleep();
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/status/200");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    private static String sni(HttpExchange exchange) {
        if (exchange instanceof HttpsExchange https && https.getSSLSession() instanceof ExtendedSSLSession session) {
            return session.getRequestedServerNames().stream()
                    .filter(name -> name instanceof SNIHostName)
                    .map(name -> ((SNIHostName) name).getAsciiName())
                    .findFirst().orElse(null);
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
