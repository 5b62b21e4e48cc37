package io.statfeed.appservers.graph;

import static io.statfeed.appservers.graph.SampleGraphs.DAY;
import static io.statfeed.appservers.graph.SampleGraphs.HEIGHT;
import static io.statfeed.appservers.graph.SampleGraphs.MINUTE;
import static io.statfeed.appservers.graph.SampleGraphs.MONDAY;
import static io.statfeed.appservers.graph.SampleGraphs.WEEK_OF_MINUTES;
import static io.statfeed.appservers.graph.SampleGraphs.WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class XChartGraphServiceTest {
    private static final GraphRequest.Role CURRENT = GraphRequest.Role.CURRENT;
    private final XChartGraphService graphs = new XChartGraphService();

    @ParameterizedTest
    @EnumSource(GraphStyle.class)
    void every_style_renders_a_week_of_minutes_as_a_png_of_the_requested_size(GraphStyle style) throws IOException {
        GraphImage image = graphs.render(SampleGraphs.withPrevious(SampleGraphs.weekOfMinutes(style, ImageFormat.PNG)));

        assertEquals(ImageFormat.PNG, image.format());
        BufferedImage decoded = decode(image);
        assertEquals(WIDTH, decoded.getWidth());
        assertEquals(HEIGHT, decoded.getHeight());
    }

    @Test
    void a_sparkline_is_drawn_edge_to_edge_in_a_tiny_image() throws IOException {
        BufferedImage decoded = decode(graphs.render(SampleGraphs.weekOfMinutes(GraphStyle.SPARK, ImageFormat.PNG, 100, 20)));

        assertEquals(100, decoded.getWidth());
        assertEquals(20, decoded.getHeight());
        assertTrue(lineColumns(decoded, 0, 20) > 90, "the line should cross nearly every column");
    }

    @Test
    void an_svg_has_the_requested_size_and_stays_small_for_a_week_of_minutes() throws Exception {
        GraphImage image = graphs.render(SampleGraphs.weekOfMinutes(GraphStyle.FILL, ImageFormat.SVG));

        assertEquals(ImageFormat.SVG, image.format());
        Element svg = parseXml(image.bytes()).getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertEquals("760px", svg.getAttribute("width"));
        assertEquals("235px", svg.getAttribute("height"));
        assertTrue(image.bytes().length < 150_000, "thinned before drawing, got " + image.bytes().length + " bytes");
    }

    @Test
    void a_one_minute_spike_in_a_week_reaches_the_top_of_the_graph() throws IOException {
        long[] times = new long[WEEK_OF_MINUTES];
        double[] values = new double[WEEK_OF_MINUTES];
        for (int i = 0; i < WEEK_OF_MINUTES; i++) {
            times[i] = MONDAY + (long) i * MINUTE;
            values[i] = 10;
        }
        values[WEEK_OF_MINUTES / 2 + 7] = 1_000;
        GraphRequest request = new GraphRequest(GraphStyle.SPARK, ImageFormat.PNG, WIDTH, HEIGHT, "", MONDAY,
                MONDAY + 7L * DAY, List.of(new GraphRequest.Line("errors", CURRENT, times, values)));

        BufferedImage image = decode(graphs.render(request));

        int topQuarter = lineColumns(image, 0, HEIGHT / 4);
        assertTrue(topQuarter >= 1 && topQuarter <= 4, "the spike alone reaches the top, got " + topQuarter + " columns");
        assertTrue(lineColumns(image, HEIGHT * 3 / 4, HEIGHT) > WIDTH * 9 / 10, "the rest of the week stays low");
    }

    @Test
    void empty_lines_render_a_no_data_graph_of_the_requested_size() throws IOException {
        GraphRequest request = new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, WIDTH, HEIGHT, "new stat", MONDAY,
                MONDAY + DAY, List.of(new GraphRequest.Line("new stat", CURRENT, new long[0], new double[0])));

        BufferedImage image = decode(graphs.render(request));

        assertEquals(WIDTH, image.getWidth());
        assertEquals(0, lineColumns(image, 0, HEIGHT), "nothing is drawn in a line's colour");
    }

    @Test
    void a_graph_without_lines_renders_too() throws IOException {
        GraphRequest request = new GraphRequest(GraphStyle.LINE, ImageFormat.SVG, WIDTH, HEIGHT, "", MONDAY,
                MONDAY + DAY, List.of());

        assertTrue(new String(graphs.render(request).bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("<svg"));
    }

    @Test
    void points_outside_the_window_are_ignored() throws IOException {
        GraphRequest request = new GraphRequest(GraphStyle.LINE, ImageFormat.PNG, WIDTH, HEIGHT, "", MONDAY,
                MONDAY + DAY, List.of(new GraphRequest.Line("late", CURRENT, new long[] {MONDAY + 2L * DAY},
                new double[] {5})));

        assertEquals(0, lineColumns(decode(graphs.render(request)), 0, HEIGHT));
    }

    @Test
    void a_too_small_width_is_refused_with_the_limit_in_the_message() {
        assertRefused("width must be between 16 and 4000 pixels, got 10", request(10, HEIGHT, List.of(line(3))));
    }

    @Test
    void a_too_tall_graph_is_refused() {
        assertRefused("height must be between 16 and 2000 pixels, got 2001", request(WIDTH, 2_001, List.of(line(3))));
    }

    @Test
    void more_lines_than_fit_are_refused() {
        assertRefused("at most 50 lines fit in one graph, got 51",
                request(WIDTH, HEIGHT, Collections.nCopies(GraphRequest.MAX_LINES + 1, line(3))));
    }

    @Test
    void times_and_values_of_different_lengths_are_refused() {
        GraphRequest.Line uneven = new GraphRequest.Line("a", CURRENT, new long[] {MONDAY, MONDAY + 60}, new double[] {1});
        assertRefused("line 1: times and values must be the same length, got 2 times and 1 values",
                request(WIDTH, HEIGHT, List.of(uneven)));
    }

    @Test
    void a_value_that_is_not_a_finite_number_is_refused() {
        GraphRequest.Line nan = new GraphRequest.Line("a", CURRENT, new long[] {MONDAY, MONDAY + 60},
                new double[] {1, Double.NaN});
        assertRefused("line 2: value 2 is not a finite number", request(WIDTH, HEIGHT, List.of(line(2), nan)));
    }

    @Test
    void times_out_of_order_are_refused() {
        GraphRequest.Line backwards = new GraphRequest.Line("a", CURRENT, new long[] {MONDAY + 60, MONDAY},
                new double[] {1, 2});
        assertRefused("line 1: times must be in ascending order", request(WIDTH, HEIGHT, List.of(backwards)));
    }

    @Test
    void a_window_that_ends_before_it_starts_is_refused() {
        GraphRequest backwards = new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, WIDTH, HEIGHT, "", MONDAY, MONDAY,
                List.of());
        assertRefused("windowEnd must be after windowStart", backwards);
    }

    @Test
    void a_request_without_a_format_is_refused() {
        GraphRequest noFormat = new GraphRequest(GraphStyle.FILL, null, WIDTH, HEIGHT, "", MONDAY, MONDAY + DAY, List.of());
        assertRefused("format is required", noFormat);
    }

    private void assertRefused(String expected, GraphRequest request) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> graphs.render(request));
        assertTrue(refused.getMessage().contains(expected), "message was: " + refused.getMessage());
    }

    private static GraphRequest request(int width, int height, List<GraphRequest.Line> lines) {
        return new GraphRequest(GraphStyle.FILL, ImageFormat.PNG, width, height, "t", MONDAY, MONDAY + DAY, lines);
    }

    private static GraphRequest.Line line(int points) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            times.add(MONDAY + (long) i * MINUTE);
        }
        return new GraphRequest.Line("a", CURRENT, times.stream().mapToLong(Long::longValue).toArray(), new double[points]);
    }

    private static BufferedImage decode(GraphImage image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertTrue(decoded != null, "not a readable PNG");
        return decoded;
    }

    /** Columns holding at least one pixel close to the first line colour, between two rows. */
    private static int lineColumns(BufferedImage image, int fromRow, int toRow) {
        int columns = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = fromRow; y < toRow; y++) {
                if (isLineBlue(image.getRGB(x, y))) {
                    columns++;
                    break;
                }
            }
        }
        return columns;
    }

    private static boolean isLineBlue(int rgb) {
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        return blue > 180 && red < 120 && green < 160;
    }

    private static Document parseXml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The SVG names the W3C DTD; a test must not fetch it from the network.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
