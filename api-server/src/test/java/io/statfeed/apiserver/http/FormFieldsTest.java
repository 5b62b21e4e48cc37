package io.statfeed.apiserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {
    @Test
    void encoded_and_raw_forms_read_the_same() {
        Map<String, String> encoded = FormFields.of(null, bytes("stat=page+view%C3%A9&count=1&ezkey=k"));
        Map<String, String> raw = FormFields.of(null, bytes("stat=page viewé&count=1&ezkey=k"));
        assertEquals(Map.of("stat", "page viewé", "count", "1", "ezkey", "k"), encoded);
        assertEquals(encoded, raw);
    }

    @Test
    void a_percent_that_starts_no_escape_is_kept_as_it_is() {
        assertEquals("100% sure %zz", FormFields.of(null, bytes("stat=100% sure %zz")).get("stat"));
    }

    @Test
    void the_body_wins_over_the_query_string_and_unknown_fields_are_ignored() {
        Map<String, String> fields = FormFields.of("count=5&stat=q&evil=1", bytes("count=1\r\n"));
        assertEquals(Map.of("count", "1", "stat", "q"), fields);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
