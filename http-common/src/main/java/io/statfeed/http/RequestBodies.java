package io.statfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reading request bodies whatever the client does: within a size and {@link SlowClients#BODY_TIME_LIMIT},
 * or an {@link UnreadableBodyException} saying why not.
 */
public final class RequestBodies {
    private static final int CHUNK = 8 * 1024;

    private RequestBodies() {
    }

    /**
     * The whole body, at most {@code maxBytes} of it.
     *
     * @throws UnreadableBodyException 413 when it is larger, 400 when malformed or cut short, 408 when too slow
     */
    public static byte[] readAll(HttpServletRequest request, int maxBytes) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw UnreadableBodyException.tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            return read(in, declared, maxBytes);
        } catch (IOException | BadMessageException e) {
            throw UnreadableBodyException.of(e, declared);
        }
    }

    /**
     * Reads {@code declared} bytes when the length is known (one exact read, the common case),
     * else up to the end, refusing more than {@code maxBytes}; a body still arriving after the
     * time limit is refused between reads.
     */
    public static byte[] read(InputStream in, long declared, int maxBytes) throws IOException {
        return read(in, declared, maxBytes, SlowClients.BODY_TIME_LIMIT);
    }

    static byte[] read(InputStream in, long declared, int maxBytes, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int at = 0;
            while (at < body.length) {
                int read = in.read(body, at, body.length - at);
                if (read < 0) {
                    throw new org.eclipse.jetty.io.EofException("early EOF");
                }
                at += read;
                if (at < body.length && System.nanoTime() > deadline) {
                    throw UnreadableBodyException.tooSlow();
                }
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = in.read(chunk)) != -1) {
            out.write(chunk, 0, read);
            if (out.size() > maxBytes) {
                throw UnreadableBodyException.tooLarge(maxBytes);
            }
            if (System.nanoTime() > deadline) {
                throw UnreadableBodyException.tooSlow();
            }
        }
        return out.toByteArray();
    }
}
