package io.statfeed.apiserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CharCountedBodiesTest {
    @Test
    void the_leftover_bytes_that_complete_the_character_count_are_taken() {
        byte[] whole = "stat=café ☕ 🚀&count=1".getBytes(StandardCharsets.UTF_8);
        int chars = "stat=café ☕ 🚀&count=1".length(); // UTF-16 units, as a JavaScript client counts
        byte[] read = Arrays.copyOf(whole, chars);
        byte[] leftover = Arrays.copyOfRange(whole, chars, whole.length);
        assertEquals(leftover.length, CharCountedBodies.bytesCompletingCharacters(read, leftover, chars));
    }

    @Test
    void only_as_many_leftover_bytes_as_the_count_needs_are_taken() {
        byte[] read = "stat=é".getBytes(StandardCharsets.UTF_8); // 7 bytes, 6 characters
        assertEquals(2, CharCountedBodies.bytesCompletingCharacters(read, "abcdef".getBytes(), 8));
    }

    @Test
    void leftovers_too_short_for_the_count_are_not_taken() {
        byte[] read = "stat=é".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, CharCountedBodies.bytesCompletingCharacters(read, "ab".getBytes(), 20));
    }
}
