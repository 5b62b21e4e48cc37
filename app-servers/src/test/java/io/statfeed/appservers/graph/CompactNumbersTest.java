package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactNumbersTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "950, 950", "1500, 1.5k", "2000, 2k", "12000000, 12M", "0.25, 0.25", "0.0042, 0.0042",
        "-2500, -2.5k", "3.14159, 3.14", "7000000000, 7B", "1250, 1.25k"})
    void axis_numbers_are_short(double value, String expected) {
        assertEquals(expected, CompactNumbers.format(value));
    }
}
