package io.statfeed.webapp.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Somebody else's web site: serves pages given by a test from a port of its own, so that a page
 * can embed a graph or post a point across origins as a customer's page would. Its URLs name the
 * host {@code localhost}; address Statfeed's servers as {@code 127.0.0.1}, so the two differ in
 * host as well as port (cookies ignore ports, and SameSite compares hosts).
 *
 * <pre>{@code
 * try (OtherSite site = OtherSite.start()) {
 *     URI page = site.serve("/embed.html", "<!doctype html><script src='" + web + "/embed.js'></script>...");
 *     browser.open(page);
 * }
 * }</pre>
 */
public final class OtherSite implements AutoCloseable {
    public static final String HTML = "text/html; charset=utf-8";
    private static final int NOT_FOUND = 404;
    private static final int OK = 200;

    private record Resource(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    private OtherSite(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of the loopback interface. */
    public static OtherSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtherSite site = new OtherSite(server);
            server.createContext("/", site::answer);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the other site's server", e);
        }
    }

    /** Serves the HTML page at the path (replacing what was there) and returns its URL. */
    public URI serve(String path, String html) {
        return serve(path, HTML, html);
    }

    /** Serves any text at the path, e.g. a script or a stylesheet, and returns its URL. */
    public URI serve(String path, String contentType, String body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/', got '" + path + "'");
        }
        resources.put(path, new Resource(contentType, body.getBytes(StandardCharsets.UTF_8)));
        return url(path);
    }

    /** The site's address for the path, e.g. {@code http://localhost:40123/page.html}. */
    public URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            Resource resource = resources.get(exchange.getRequestURI().getPath());
            if (resource == null) {
                exchange.sendResponseHeaders(NOT_FOUND, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", resource.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(OK, resource.body().length);
            out.write(resource.body());
        }
    }
}
