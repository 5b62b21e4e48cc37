package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTest {
    @Test
    void an_extra_header_cannot_smuggle_in_headers_of_its_own() {
        assertEquals("header X-Note must be one line of printable ASCII", refused(Map.of("X-Note", "a\r\nBcc: eve@example.com")));
        assertEquals("'Bad Name' is not a header name", refused(Map.of("Bad Name", "x")));
        assertEquals("the sender writes Message-ID itself; it cannot be an extra header",
                refused(Map.of("Message-ID", "<x@y>")));
    }

    @Test
    void a_message_id_must_be_safe_as_a_file_name_and_a_message_id() {
        for (String bad : List.of("", "../etc", "a/b", ".hidden", "a..b", "with space", "a@b")) {
            assertThrows(IllegalArgumentException.class, () -> new Mail("a@b.c", "s", "t", "h", bad), bad);
        }
        new Mail("a@b.c", "s", "t", "h", "alert-7.2024-01-01T00_00");
    }

    @Test
    void inline_images_need_distinct_content_ids_and_an_image_type() {
        InlineImage png = new InlineImage("g", "image/png", new byte[1]);
        assertThrows(IllegalArgumentException.class,
                () -> new Mail("a@b.c", "s", "t", "h", List.of(png, png), "id", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new InlineImage("g", "text/html", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new InlineImage("<g>", "image/png", new byte[1]));
    }

    private static String refused(Map<String, String> headers) {
        return assertThrows(IllegalArgumentException.class,
                () -> new Mail("a@b.c", "s", "t", "h", List.of(), "id", headers)).getMessage();
    }
}
