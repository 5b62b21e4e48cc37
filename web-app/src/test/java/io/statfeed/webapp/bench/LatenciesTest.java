package io.statfeed.webapp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    private static Latencies millis(long... values) {
        Latencies latencies = new Latencies();
        for (long value : values) {
            latencies.add(value * 1_000_000);
        }
        return latencies;
    }

    @Test
    void percentilesAreTheNearestRankOfTheSortedSamples() {
        Latencies latencies = millis(9, 1, 8, 2, 7, 3, 6, 4, 5, 10);

        assertEquals(5.0, latencies.percentileMillis(50));
        assertEquals(9.0, latencies.percentileMillis(90));
        assertEquals(10.0, latencies.percentileMillis(99));
        assertEquals(1.0, latencies.percentileMillis(1));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertEquals(3.0, millis(3).percentileMillis(50));
        assertEquals(3.0, millis(3).percentileMillis(99));
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertTrue(Double.isNaN(new Latencies().percentileMillis(50)));
    }

    @Test
    void poolingKeepsEverySampleOfEveryPart() {
        Latencies pooled = Latencies.pooled(List.of(millis(1, 2), millis(3), millis(4, 5, 6)));

        assertEquals(6, pooled.count());
        assertEquals(3.0, pooled.percentileMillis(50));
    }

    @Test
    void growsBeyondItsFirstCapacity() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 5_000; i++) {
            latencies.add(i);
        }
        assertEquals(5_000, latencies.count());
        assertEquals(2_500 / 1e6, latencies.percentileMillis(50));
    }

    @Test
    void aPercentileOutsideTheRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> millis(1).percentileMillis(0));
        assertThrows(IllegalArgumentException.class, () -> millis(1).percentileMillis(101));
    }
}
