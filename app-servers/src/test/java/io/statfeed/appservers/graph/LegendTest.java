package io.statfeed.appservers.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegendTest {
    private static final GraphLook LOOK = GraphLook.of(GraphStyle.LINE);

    @Test
    void a_few_short_labels_share_one_row() {
        Legend legend = Legend.of(lines(3), LOOK.legendFont(), 760, 235);

        assertEquals(1, legend.rows());
        assertEquals(3, legend.entries());
        assertEquals("", legend.more());
    }

    @Test
    void many_labels_wrap_and_the_rest_is_summed_up_within_a_third_of_the_height() {
        Legend legend = Legend.of(lines(50), LOOK.legendFont(), 760, 300);

        assertTrue(legend.rows() > 1, "wraps");
        assertTrue(legend.height() <= 100, "at most a third of 300 px, got " + legend.height());
        assertEquals("+" + (50 - legend.entries()) + " more", legend.more());
    }

    @Test
    void a_tiny_graph_has_no_room_for_a_legend() {
        assertEquals(0, Legend.of(lines(2), LOOK.legendFont(), 100, 30).height());
    }

    private static List<PlotLine> lines(int n) {
        List<PlotLine> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(new PlotLine("server-" + i + ".example.com", false,
                    new Downsampler.Thinned(new double[0], new double[0]), Color.BLUE, LOOK.currentStroke(),
                    Optional.empty()));
        }
        return lines;
    }
}
