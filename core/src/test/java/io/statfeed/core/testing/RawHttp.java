package io.statfeed.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes exactly as given, for requests a well-behaved HTTP client refuses to send. */
public final class RawHttp {
    /** Longer than any server's idle timeout, so a test sees the server's answer to a stalled request. */
    private static final int READ_TIMEOUT_MS = 30_000;

    public record Answer(int status, String body) {
    }

    private RawHttp() {
    }

    public static Answer send(int port, byte[] request) throws IOException {
        return send(port, request, false);
    }

    public static Answer send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * With {@code endBody}, the client closes its side after the bytes, so the server sees the
     * body end there whatever the head declared; without it, it just stops sending and waits.
     */
    public static Answer send(int port, String request, boolean endBody) throws IOException {
        return send(port, request.getBytes(StandardCharsets.UTF_8), endBody);
    }

    private static Answer send(int port, byte[] request, boolean endBody) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (endBody) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        }
    }

    /** Reads one response: status line, headers, and a body of Content-Length bytes (or to the end). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headers.substring(9, 12));
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }
}
