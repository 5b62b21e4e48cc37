package io.statfeed.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final Duration LIMIT = Duration.ofMillis(300);

    /** A client dripping its body a byte at a time, never pausing long enough for the idle timeout. */
    private static final class Drip extends InputStream {
        private final byte[] body;
        private int at;

        Drip(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            if (at == body.length) {
                return -1;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return body[at++];
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int b = read();
            if (b < 0) {
                return -1;
            }
            into[offset] = (byte) b;
            return 1;
        }
    }

    @Test
    void a_body_dripping_in_past_the_time_limit_is_answered_408() {
        UnreadableBodyException e = assertThrows(UnreadableBodyException.class,
                () -> RequestBodies.read(new Drip("x".repeat(100)), 100, 1_000, LIMIT));
        assertEquals(408, e.status());
        assertEquals("the request body did not arrive in time: send it whole within 20 s, with no pause of 10 s",
                e.getMessage());
        assertThrows(UnreadableBodyException.class, () -> RequestBodies.read(new Drip("x".repeat(100)), -1, 1_000,
                LIMIT), "a chunked body too");
    }

    @Test
    void a_body_within_the_limits_comes_back_whole_with_or_without_a_length() throws IOException {
        byte[] body = "ezkey=k&stat=s&count=1".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(body, RequestBodies.read(new ByteArrayInputStream(body), body.length, 1_000, LIMIT));
        assertArrayEquals(body, RequestBodies.read(new ByteArrayInputStream(body), -1, 1_000, LIMIT));
        assertArrayEquals(body, RequestBodies.read(new Drip("ezkey=k&stat=s&count=1"), body.length, 1_000,
                Duration.ofSeconds(5)), "slow but within the limit");
    }

    @Test
    void a_chunked_body_over_the_size_is_refused_413_and_one_cut_short_400() {
        UnreadableBodyException large = assertThrows(UnreadableBodyException.class,
                () -> RequestBodies.read(new ByteArrayInputStream(new byte[2_000]), -1, 1_000, LIMIT));
        assertEquals(413, large.status());
        assertEquals("the request body is larger than 1000 bytes", large.getMessage());
        IOException cut = assertThrows(IOException.class,
                () -> RequestBodies.read(new ByteArrayInputStream(new byte[10]), 100, 1_000, LIMIT));
        UnreadableBodyException answer = UnreadableBodyException.of(cut, 100);
        assertEquals(400, answer.status());
        assertEquals("the request body could not be read: it ended before the 100 bytes its Content-Length declares",
                answer.getMessage());
    }
}
