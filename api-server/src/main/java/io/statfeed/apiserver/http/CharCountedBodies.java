package io.statfeed.apiserver.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.HttpConnection;

/**
 * Some StatHat clients send raw UTF-8 with a Content-Length that counts characters, not bytes.
 * Jetty then reads the body short, and the rest sits unread in the connection's buffer. When a
 * non-ASCII body arrives with such leftovers, this takes them back, as far as the character count
 * says, so the data point is stored instead of refused. A correct client is untouched: its body
 * leaves nothing behind, or what it leaves is its next (pipelined) request.
 */
final class CharCountedBodies {
    private static final List<String> METHODS = List.of("GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ");

    /** The whole body, plus whether the connection must close because bytes were taken that are not the body's. */
    record Recovered(byte[] body, boolean closeConnection) {
    }

    private CharCountedBodies() {
    }

    static Recovered recover(byte[] body, long declaredLength, int maxBytes) {
        if (declaredLength != body.length || isAscii(body)) {
            return new Recovered(body, false);
        }
        HttpConnection connection = HttpConnection.getCurrentConnection();
        if (connection == null || connection.isRequestBufferEmpty()) {
            return new Recovered(body, false);
        }
        ByteBuffer unread = connection.onUpgradeFrom();
        if (unread == null || !unread.hasRemaining()) {
            return new Recovered(body, false);
        }
        byte[] leftover = new byte[unread.remaining()];
        unread.get(leftover);
        if (startsLikeRequest(leftover)) {
            // A pipelined request we cannot hand back: close, and the client resends it.
            return new Recovered(body, true);
        }
        int take = bytesCompletingCharacters(body, leftover, declaredLength);
        if (take < 0 || body.length + take > maxBytes) {
            return new Recovered(body, true);
        }
        byte[] whole = Arrays.copyOf(body, body.length + take);
        System.arraycopy(leftover, 0, whole, body.length, take);
        return new Recovered(whole, take != leftover.length);
    }

    /** How many leftover bytes bring the body to {@code chars} UTF-16 characters, or -1. */
    static int bytesCompletingCharacters(byte[] body, byte[] leftover, long chars) {
        long count = new String(body, StandardCharsets.UTF_8).length();
        for (int i = 0; i <= leftover.length; i++) {
            boolean boundary = i == leftover.length || !isContinuation(leftover[i]);
            if (boundary && count == chars) {
                return i;
            }
            if (i < leftover.length && !isContinuation(leftover[i])) {
                count += (leftover[i] & 0xF8) == 0xF0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
            }
            if (count > chars + 1) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsLikeRequest(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 8), StandardCharsets.US_ASCII);
        return METHODS.stream().anyMatch(start::startsWith);
    }
}
