package io.statfeed.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for tests: real requests to a started server, plus raw bytes for what clients refuse to send. */
final class Http {
    static final ObjectMapper mapper = new ObjectMapper();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final int port;

    Http(int port) {
        this.port = port;
    }

    Reply get(String pathAndQuery) {
        return send(builder(pathAndQuery).GET().build());
    }

    Reply delete(String pathAndQuery) {
        return send(builder(pathAndQuery).DELETE().build());
    }

    Reply post(String path, String contentType, String body) {
        HttpRequest.Builder builder = builder(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    /** A POST with header pairs: {@code postWithHeaders("/api/v1/x", "", "Authorization", "Bearer T")}. */
    Reply postWithHeaders(String path, String body, String... headers) {
        HttpRequest.Builder builder = builder(path).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** Any method with a body (or none) and header pairs. */
    Reply request(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = builder(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    Reply post(String path, HttpRequest.BodyPublisher body) {
        return send(builder(path).header("Content-Type", "application/json").POST(body).build());
    }

    Reply method(String method, String path) {
        return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    Reply signUp(String email, String password) {
        return post("/api/v1/accounts", "application/json",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    /** Sends the request line and headers exactly as given, for URIs an HTTP client would refuse or fix. */
    Reply raw(String requestHead) {
        return raw(requestHead, "");
    }

    /**
     * Sends the head and the start of a body. Jetty dispatches a request with a body only once some
     * of it arrives, so a test of a declared-but-unsent body must send a first byte.
     */
    Reply raw(String requestHead, String bodyStart) {
        return raw(requestHead, bodyStart, false);
    }

    /**
     * As {@link #raw(String, String)}; with {@code endBody} the client then closes its side, so the
     * server sees the body end where the bytes end, whatever the head declared. Without it the
     * client just stops sending and waits, as a stalled or malicious one does.
     */
    Reply raw(String requestHead, String bodyStart, boolean endBody) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" + bodyStart)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (endBody) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
                if (complete(all.toString(StandardCharsets.UTF_8))) {
                    break; // the server may keep the connection open while it drains what we declared
                }
            }
            return parse(all.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean complete(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = response.substring(0, headEnd).toLowerCase();
        String body = response.substring(headEnd + 4);
        for (String line : head.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return body.getBytes(StandardCharsets.UTF_8).length >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return head.contains("chunked") && body.endsWith("0\r\n\r\n");
    }

    private static Reply parse(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        String head = response.substring(0, headEnd);
        String body = response.substring(headEnd + 4);
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        String contentType = null;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).strip();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        return new Reply(status, contentType, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size); // bodies here are ASCII JSON
            at = lineEnd + 2 + size + 2;
        }
    }

    private HttpRequest.Builder builder(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(TIMEOUT);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An error answer: the given status, JSON {"status":N,"msg":"..."} holding the text, and no internals. */
    static void assertError(Reply reply, int status, String msgContains) {
        assertEquals(status, reply.status(), reply.body());
        assertJsonStatus(reply);
        String msg = reply.json().get("msg").textValue();
        assertTrue(msg.contains(msgContains), "msg '" + msg + "' should contain '" + msgContains + "'");
    }

    /** Any answer of the server: never a 5xx, always the JSON status shape when not 2xx. */
    static void assertJsonStatus(Reply reply) {
        assertTrue(reply.status() < 500, "no input may cause a 5xx: " + reply);
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/json"), reply.toString());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat ")
                || reply.body().contains("<html"), "no internals in the body: " + reply.body());
        JsonNode json = reply.json();
        if (reply.status() >= 300) {
            assertEquals(2, json.size(), reply.body());
            assertEquals(reply.status(), json.get("status").intValue(), reply.body());
            assertTrue(json.get("msg").isTextual() && !json.get("msg").textValue().isBlank(), reply.body());
        }
    }
}
