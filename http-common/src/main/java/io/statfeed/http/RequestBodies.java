package io.statfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.BadMessageException;

/** Reading a whole request body whatever the client does: within a size, or an answer saying why not. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body, at most {@code maxBytes} of it.
     *
     * @throws UnreadableBodyException 413 when it is larger, 400 when malformed or cut short, 408 when too slow
     */
    public static byte[] readAll(HttpServletRequest request, int maxBytes) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw UnreadableBodyException.tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw UnreadableBodyException.tooLarge(maxBytes);
            }
            return body;
        } catch (IOException | BadMessageException e) {
            throw UnreadableBodyException.of(e, declared);
        }
    }
}
