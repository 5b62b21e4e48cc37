package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A client that behaves like a browser towards the web-app: it keeps the cookies the server sets,
 * sends them back, never follows redirects on its own, and fills forms with the CSRF token the
 * pages carry.
 */
final class WebClient {
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final String FORM = "application/x-www-form-urlencoded";

    /** One answer: status, headers and the body (as bytes for images, as text for the rest). */
    record Page(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Http.mapper.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        String location() {
            return header("Location");
        }

        /** The Set-Cookie header for one cookie, as sent. */
        Optional<String> setCookie(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        /** The CSRF token of the first form on the page. */
        String csrf() {
            Matcher m = CSRF_FIELD.matcher(body());
            if (!m.find()) {
                throw new AssertionError("no CSRF field on the page (" + status + "): " + body());
            }
            return m.group(1);
        }

        /** As {@link Http.Reply}, for the assertions written for it. */
        Http.Reply reply() {
            return new Http.Reply(status, contentType(), body());
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body().length() > 500 ? body().substring(0, 500) : body());
        }
    }

    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    WebClient(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    void forgetCookie(String name) {
        cookies.remove(name);
    }

    /** A GET with optional header pairs: {@code get("/stats", "Accept", "application/json")}. */
    Page get(String pathAndQuery, String... headers) {
        return send(builder(pathAndQuery, headers).GET());
    }

    Page getJson(String pathAndQuery) {
        return get(pathAndQuery, "Accept", "application/json");
    }

    /** As a browser navigates: it asks for HTML first. */
    Page getHtml(String pathAndQuery) {
        return get(pathAndQuery, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    /** A form post with exactly the fields given (no CSRF token added). */
    Page post(String path, Map<String, String> fields, String... headers) {
        return postBody(path, FORM, encode(fields), headers);
    }

    /** A form post that carries the CSRF token a page of this client shows now. */
    Page submit(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", csrf());
        return post(path, withToken);
    }

    Page postBody(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = builder(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * A GET sent byte for byte as given, for targets an HTTP client refuses to send (such as a
     * malformed escape); the connection is closed after the answer.
     */
    Page rawGet(String target, String... headers) {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (!cookies.isEmpty()) {
            head.append("Cookie: ").append(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, headEnd).split("\r\n");
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                String[] nameValue = lines[i].split(":", 2);
                fields.computeIfAbsent(nameValue[0].strip(), k -> new ArrayList<>()).add(nameValue[1].strip());
            }
            byte[] body = Arrays.copyOfRange(all, headEnd + 4, all.length);
            if (fields.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                body = dechunk(body);
            }
            return new Page(Integer.parseInt(lines[0].split(" ", 3)[1]), HttpHeaders.of(fields, (a, b) -> true), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = at;
            while (body[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** A post whose body is streamed (chunked), so that it declares no length. */
    Page postStreamed(String path, String contentType, byte[] body) {
        return send(builder(path, "Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    /** The CSRF token this client's pages carry: the session's when signed in, else the CSRF cookie's. */
    String csrf() {
        Page page = get(cookies.containsKey("statfeed_session") ? "/settings" : "/login");
        assertEquals(200, page.status(), page.toString());
        return page.csrf();
    }

    Page signUp(String email, String password) {
        String token = get("/signup").csrf();
        return post("/signup", fields("csrf", token, "email", email, "password", password));
    }

    Page logIn(String email, String password) {
        return logIn(email, password, "");
    }

    Page logIn(String email, String password, String next) {
        String token = get("/login").csrf();
        return post("/login", fields("csrf", token, "email", email, "password", password, "next", next));
    }

    /** Logs in and checks that it worked. */
    WebClient signedIn(String email, String password) {
        Page page = logIn(email, password);
        assertEquals(303, page.status(), page.toString());
        return this;
    }

    Page logOut() {
        return submit("/logout", Map.of());
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder builder(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private Page send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Page page = new Page(response.statusCode(), response.headers(), response.body());
            keepCookies(page.headers().allValues("Set-Cookie"));
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keepCookies(List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            String[] nameValue = parts[0].split("=", 2);
            String name = nameValue[0].strip();
            String value = nameValue.length > 1 ? nameValue[1].strip() : "";
            boolean expired = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
                expired |= attribute.equals("max-age=0");
            }
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
