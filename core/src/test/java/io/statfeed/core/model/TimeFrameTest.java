package io.statfeed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimeFrameTest {
    @ParameterizedTest
    @CsvSource({
            "1w3h, 604800, 10800",
            "30m1m, 1800, 60",
            "1y1d, 31536000, 86400",
            "3M1d, 7776000, 86400",
            "1d1h, 86400, 3600",
            "1w1m, 604800, 60",
    })
    void spans_and_intervals_read_in_statHat_units(String text, long span, long interval) {
        TimeFrame frame = TimeFrame.parse(text);
        assertEquals(span, frame.spanSeconds());
        assertEquals(interval, frame.intervalSeconds());
    }

    @Test
    void by_default_the_window_ends_with_the_interval_holding_now() {
        TimeFrame.Window window = TimeFrame.parse("1h10m").window(1_700_000_030L, null);
        assertEquals(1_699_996_800L, window.start());
        assertEquals(1_700_000_400L, window.end());
        assertEquals(6, window.intervals());
    }

    @Test
    void a_start_aligns_down_to_its_interval() {
        TimeFrame.Window window = TimeFrame.parse("1d1h").window(0, 1_700_000_030L);
        assertEquals(1_699_999_200L, window.start());
        assertEquals(24, window.intervals());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1x1h      | time frame '1x1h' is not a span and an interval such as 1d1h, 1w3h or 30m1m (units m h d w M y)",
            "1h1d      | time frame '1h1d' has an interval longer than its span",
            "0h1m      | time frame '0h1m' has a zero span or interval",
            "999999y1m | time frame '999999y1m' asks for 525599474400 points; at most 10080 are allowed",
            "10081m1m  | time frame '10081m1m' asks for 10081 points; at most 10080 are allowed",
    })
    void bad_frames_say_what_is_wrong(String text, String message) {
        assertEquals(message, assertThrows(InvalidInputException.class, () -> TimeFrame.parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "1d7h, 100800, 25200",
            "1y1w, 32054400, 604800",
            "1y1M, 33696000, 2592000",
    })
    void a_span_that_is_not_a_whole_number_of_intervals_is_rounded_up_to_one(String text, long span, long interval) {
        TimeFrame frame = TimeFrame.parse(text);
        assertEquals(span, frame.spanSeconds());
        assertEquals(interval, frame.intervalSeconds());
        TimeFrame.Window window = frame.window(1_700_000_000L, null);
        assertEquals(span, window.end() - window.start());
        assertEquals(0, window.start() % interval);
    }

    @Test
    void a_frame_in_words_is_stathats_timeframe_name() {
        assertEquals("1 week @ 3 hours", TimeFrame.parse("1w3h").inWords());
        assertEquals("30 minutes @ 1 minute", TimeFrame.parse("30m1m").inWords());
        assertEquals("1 year @ 1 day", TimeFrame.parse(" 1y1d ").inWords());
        assertEquals("3 months @ 12 hours", TimeFrame.parse("3M12h").inWords());
    }
}
