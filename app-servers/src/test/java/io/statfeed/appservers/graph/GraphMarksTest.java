package io.statfeed.appservers.graph;

import static io.statfeed.appservers.graph.SampleGraphs.DAY;
import static io.statfeed.appservers.graph.SampleGraphs.HEIGHT;
import static io.statfeed.appservers.graph.SampleGraphs.MONDAY;
import static io.statfeed.appservers.graph.SampleGraphs.WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class GraphMarksTest {
    private static final long WEEK = 7L * DAY;
    private final XChartGraphService graphs = new XChartGraphService();

    @Test
    void each_mark_is_a_line_across_the_plot_at_its_time() throws IOException {
        GraphRequest plain = SampleGraphs.withPrevious(SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG));
        GraphRequest marked = plain.withMarks(List.of(GraphRequest.Mark.labelled(MONDAY + WEEK / 4, "deployed v2"),
                GraphRequest.Mark.labelled(MONDAY + WEEK / 2, "<img src=x onerror=alert(1)>"),
                GraphRequest.Mark.labelled(MONDAY + 3 * WEEK / 4, "rollback")));

        byte[] png = graphs.render(marked).bytes();
        Path saved = Path.of("target", "screenshots", "server-graph-annotations.png");
        Files.createDirectories(saved.getParent());
        Files.write(saved, png);

        assertEquals(List.of(), markColumns(decode(graphs.render(plain).bytes())), "no marks, no mark lines");
        List<Integer> columns = markColumns(decode(png));
        assertEquals(3, columns.size(), "one line per mark, got columns " + columns);
        // The plot's edges are wherever the axis labels leave them; evenly spaced times are evenly spaced lines.
        int quarter = columns.get(1) - columns.get(0);
        assertTrue(Math.abs(columns.get(2) - columns.get(1) - quarter) <= 1, "columns " + columns);
        assertTrue(quarter > WIDTH / 5 && quarter < WIDTH / 4, "a quarter of the plot apart, got " + columns);
    }

    @Test
    void a_mark_outside_the_window_is_not_drawn() throws IOException {
        GraphRequest plain = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG);

        assertArrayEquals(graphs.render(plain).bytes(),
                graphs.render(plain.withMarks(List.of(new GraphRequest.Mark(MONDAY + 2 * WEEK, "later")))).bytes());
    }

    @Test
    void a_sparkline_is_the_line_alone_without_marks() {
        GraphRequest spark = SampleGraphs.weekOfMinutes(GraphStyle.SPARK, ImageFormat.PNG, 100, 20);

        assertArrayEquals(graphs.render(spark).bytes(),
                graphs.render(spark.withMarks(List.of(new GraphRequest.Mark(MONDAY + WEEK / 2, "deployed")))).bytes());
    }

    @Test
    void a_wide_graph_drawn_in_stripes_draws_its_marks_as_in_one_piece() {
        GraphRequest marked = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG, 1_500, HEIGHT)
                .withMarks(List.of(new GraphRequest.Mark(MONDAY + WEEK / 2 - 600, "right on the seam, nearly")));
        XChartGraphService striped = new XChartGraphService(new io.statfeed.core.concurrent.InParallel(
                java.util.concurrent.ForkJoinPool.commonPool()), 4);

        assertArrayEquals(graphs.render(marked).bytes(), striped.render(marked).bytes());
    }

    @Test
    void an_svg_carries_a_hostile_label_as_text() {
        GraphRequest marked = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.SVG)
                .withMarks(List.of(GraphRequest.Mark.labelled(MONDAY + WEEK / 2, "<img src=x onerror=alert(1)>")));

        String svg = new String(graphs.render(marked).bytes(), StandardCharsets.UTF_8);

        assertFalse(svg.contains("<img"), "the label must not become markup");
        assertTrue(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "the label is drawn as text");
    }

    @Test
    void a_label_is_one_line_cut_to_forty_characters() {
        assertEquals("deployed v2 to eu-west and us-east, fla…",
                GraphRequest.Mark.labelled(0, "deployed v2 to eu-west and us-east, flag on for 10%").label());
        assertEquals("two lines", GraphRequest.Mark.labelled(0, "two\nlines").label());
        assertEquals("😀".repeat(39) + "…", GraphRequest.Mark.labelled(0, "😀".repeat(41)).label(),
                "characters are counted, not UTF-16 units");
        assertEquals(40, GraphRequest.Mark.labelled(0, "x".repeat(40)).label().length());
    }

    @Test
    void more_marks_than_a_graph_draws_are_refused() {
        List<GraphRequest.Mark> marks = Collections.nCopies(GraphRequest.MAX_MARKS + 1, new GraphRequest.Mark(MONDAY, "a"));
        assertRefused("at most 200 marks fit in one graph, got 201", marks);
    }

    @Test
    void a_mark_with_a_long_label_or_a_control_character_or_no_label_is_refused() {
        assertRefused("mark 1: label must be at most 40 characters", List.of(new GraphRequest.Mark(MONDAY, "x".repeat(41))));
        assertRefused("mark 1: label must not contain control characters", List.of(new GraphRequest.Mark(MONDAY, "a\nb")));
        List<GraphRequest.Mark> unlabelled = new ArrayList<>();
        unlabelled.add(new GraphRequest.Mark(MONDAY, null));
        assertRefused("mark 1: label is required", unlabelled);
    }

    private void assertRefused(String expected, List<GraphRequest.Mark> marks) {
        GraphRequest request = SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.PNG).withMarks(marks);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> graphs.render(request));
        assertEquals(expected, refused.getMessage());
    }

    /** Columns in which a fifth of the rows or more are in the marks' colour: the marks' lines. */
    static List<Integer> markColumns(BufferedImage image) {
        List<Integer> columns = new ArrayList<>();
        for (int x = 0; x < image.getWidth(); x++) {
            int coloured = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                if (isMarkColour(image.getRGB(x, y))) {
                    coloured++;
                }
            }
            if (coloured >= image.getHeight() / 5) {
                columns.add(x);
            }
        }
        return columns;
    }

    private static boolean isMarkColour(int rgb) {
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        return red - blue > 100 && red - green > 50;
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
