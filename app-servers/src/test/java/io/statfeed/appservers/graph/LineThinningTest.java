package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineThinningTest {
    private final XChartGraphService renderer = new XChartGraphService();

    @Test
    void a_thinned_request_draws_the_very_same_image() {
        for (Map.Entry<String, GraphRequest> sample : SampleGraphs.gallery().entrySet()) {
            GraphRequest request = sample.getValue();

            assertArrayEquals(renderer.render(request).bytes(),
                    renderer.render(LineThinning.thinnedForDrawing(request)).bytes(), sample.getKey());
        }
    }

    @Test
    void a_week_of_minutes_keeps_two_points_per_pixel_column_and_its_previous_week_one() {
        GraphRequest week = SampleGraphs.withPrevious(SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG));

        GraphRequest thinned = LineThinning.thinnedForDrawing(week);

        assertEquals(SampleGraphs.WEEK_OF_MINUTES, week.lines().get(0).times().length);
        int width = week.width();
        int current = thinned.lines().get(0).times().length;
        int previous = thinned.lines().get(1).times().length;
        assertTrue(current > width && current <= 2 * width, "current line: " + current + " points");
        assertTrue(previous > width / 2 && previous <= width, "previous week: " + previous + " points");
        assertEquals(List.of(GraphRequest.Role.CURRENT, GraphRequest.Role.PREVIOUS),
                thinned.lines().stream().map(GraphRequest.Line::role).toList());
        assertEquals(List.of(week.style(), week.format(), week.width(), week.height(), week.title(), week.windowStart(),
                        week.windowEnd()),
                List.of(thinned.style(), thinned.format(), thinned.width(), thinned.height(), thinned.title(),
                        thinned.windowStart(), thinned.windowEnd()));
    }

    @Test
    void a_line_that_fits_its_width_keeps_every_point_in_the_window() {
        long start = SampleGraphs.MONDAY;
        GraphRequest request = new GraphRequest(GraphStyle.LINE, ImageFormat.PNG, 300, 100, "", start, start + 600,
                List.of(new GraphRequest.Line("a", GraphRequest.Role.CURRENT,
                        new long[] {start - 60, start, start + 60, start + 600, start + 660},
                        new double[] {9, 1, 2, 3, 9})));

        GraphRequest.Line thinned = LineThinning.thinnedForDrawing(request).lines().get(0);

        assertArrayEquals(new long[] {start, start + 60, start + 600}, thinned.times());
        assertArrayEquals(new double[] {1, 2, 3}, thinned.values());
    }

    @Test
    void a_bad_request_is_refused_with_the_renderers_message() {
        GraphRequest tooNarrow = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG, 10, 100);

        assertEquals("width must be between 16 and 4000 pixels, got 10",
                assertThrows(InvalidInputException.class, () -> LineThinning.thinnedForDrawing(tooNarrow)).getMessage());
    }
}
