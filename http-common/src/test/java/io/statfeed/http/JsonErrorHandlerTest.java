package io.statfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {
    @Test
    void jettys_short_word_on_a_bad_request_is_passed_on() {
        assertEquals("Ambiguous URI empty segment", JsonErrorHandler.message(400, "Ambiguous URI empty segment"));
    }

    @Test
    void a_server_error_or_a_missing_or_long_message_gives_the_standard_reason_only() {
        assertEquals("Server Error", JsonErrorHandler.message(500, "java.lang.NullPointerException at Foo.bar"));
        assertEquals("Request Header Fields Too Large", JsonErrorHandler.message(431, null));
        assertEquals("Bad Request", JsonErrorHandler.message(400, "x".repeat(JsonErrorHandler.MAX_JETTY_MESSAGE + 1)));
        assertEquals("error 599", JsonErrorHandler.reason(599));
    }
}
