package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.core.concurrent.InParallel;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A wide PNG is painted as stripes at the same time; the image must not show it. */
class StripedRenderingTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final AtomicInteger handedToPool = new AtomicInteger();
    private final InParallel countingPool = new InParallel(task -> {
        handedToPool.incrementAndGet();
        pool.execute(task);
    });
    private final XChartGraphService inOnePiece = new XChartGraphService();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void every_sample_graph_in_stripes_is_the_very_same_png_as_in_one_piece() {
        XChartGraphService inStripes = new XChartGraphService(countingPool, 4);
        int striped = 0;
        for (Map.Entry<String, GraphRequest> sample : SampleGraphs.gallery().entrySet()) {
            GraphRequest request = sample.getValue();
            int before = handedToPool.get();

            assertArrayEquals(inOnePiece.render(request).bytes(), inStripes.render(request).bytes(), sample.getKey());

            if (request.format() == ImageFormat.PNG && request.width() >= 2 * XChartGraphService.MIN_STRIPE_WIDTH) {
                assertEquals(request.width() / XChartGraphService.MIN_STRIPE_WIDTH - 1, handedToPool.get() - before,
                        sample.getKey() + ": stripes beyond the first are handed to the pool");
                striped++;
            } else {
                assertEquals(before, handedToPool.get(), sample.getKey() + " is drawn in one piece");
            }
        }
        assertEquals(5, striped, "the gallery's wide PNGs");
    }

    @Test
    void an_odd_width_in_three_stripes_with_the_previous_week_is_the_same_png() {
        GraphRequest request = SampleGraphs.withPrevious(SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG,
                901, 257));

        assertArrayEquals(inOnePiece.render(request).bytes(), new XChartGraphService(countingPool, 3).render(request)
                .bytes());
        assertEquals(2, handedToPool.get());
    }

    @Test
    void a_graph_is_drawn_in_at_least_one_stripe() {
        assertEquals("a graph is drawn in at least one stripe, got 0", assertThrows(IllegalArgumentException.class,
                () -> new XChartGraphService(countingPool, 0)).getMessage());
    }
}
