package io.statfeed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatNamesTest {
    @Test
    void a_plain_name_is_itself_without_surrounding_space() {
        assertEquals(List.of("page views"), StatNames.expand("  page views "));
    }

    @Test
    void a_tilde_names_the_base_followed_by_each_suffix() {
        assertEquals(List.of("messages sent total", "messages sent female", "messages sent female-us"),
                StatNames.expand("messages sent~total,female,female-us"));
    }

    @Test
    void empty_and_repeated_suffixes_are_dropped_and_an_empty_base_leaves_the_suffixes() {
        assertEquals(List.of("a x", "a y"), StatNames.expand("a~x,,x, y ,"));
        assertEquals(List.of("x", "y"), StatNames.expand("~x,y"));
    }

    @Test
    void names_count_characters_not_bytes_or_utf16_units() {
        assertEquals(List.of("🚀".repeat(255)), StatNames.expand("🚀".repeat(255)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StatNames.checked("x".repeat(256)));
        assertEquals("stat name is 256 characters long; at most 255 are allowed", e.getMessage());
    }

    @Test
    void a_fan_out_beyond_the_limit_is_refused() {
        StringBuilder many = new StringBuilder("s~");
        for (int i = 0; i <= StatNames.MAX_FAN_OUT; i++) {
            many.append(i).append(',');
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StatNames.expand(many.toString()));
        assertEquals("stat name 's~0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,' fans out to 21 stats; "
                + "at most 20 are allowed", e.getMessage());
    }

    @Test
    void blank_names_and_control_characters_are_refused() {
        assertEquals("stat name is missing",
                assertThrows(InvalidInputException.class, () -> StatNames.expand(" ")).getMessage());
        assertEquals("stat name may not contain control characters: 'a?b'",
                assertThrows(InvalidInputException.class, () -> StatNames.expand("a\nb")).getMessage());
    }
}
