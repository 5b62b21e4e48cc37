package io.statfeed.interactor.stats;

import static io.statfeed.interactor.stats.Images.assertPng;
import static io.statfeed.interactor.stats.ViewStatTest.id;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

class DrawStatGraphTest {
    private static final long HOUR_START = 1_699_996_440L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stats_graph_is_a_png_of_the_requested_size(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START - 60, 4), bucket(HOUR_START + 600, 2, 3));

            assertPng(400, 150, draw(world).draw(Optional.of(ada), id(signups),
                    spec("1h", 400, 150, GraphStyle.FILL, ImageFormat.PNG, "Signups")));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stats_graph_comes_as_an_svg_of_the_requested_size(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat load = world.value(ada, "load");
            world.store(load, Resolution.MINUTE, bucket(HOUR_START, 0.5, 1.5));

            Element svg = Images.svg(draw(world).draw(Optional.of(ada), id(load),
                    spec("1h", 760, 235, GraphStyle.LINE, ImageFormat.SVG, "")));

            assertEquals("760px", svg.getAttribute("width"));
            assertEquals("235px", svg.getAttribute("height"));
        }
    }

    @ParameterizedTest
    @EnumSource(GraphStyle.class)
    void a_value_stat_without_any_data_still_draws_in_every_style(GraphStyle style) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat load = world.value(ada, "load");

            assertPng(GraphSpec.DEFAULT_WIDTH, GraphSpec.DEFAULT_HEIGHT, draw(world).draw(Optional.of(ada), id(load),
                    spec("1d", GraphSpec.DEFAULT_WIDTH, GraphSpec.DEFAULT_HEIGHT, style, ImageFormat.PNG, null)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_private_stats_graph_is_drawn_for_its_owner_only_and_a_public_ones_for_anyone(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            GraphSpec spec = spec("1h", 200, 100, GraphStyle.SPARK, ImageFormat.PNG, "");

            assertThrows(NotFoundException.class, () -> draw(world).draw(Optional.of(world.newVisitor()), id(signups),
                    spec));
            assertThrows(NotFoundException.class, () -> draw(world).draw(Optional.empty(), id(signups), spec));
            new MakeStatPublic(world.stats).makePublic(ada, signups.id(), true);
            assertPng(200, 100, draw(world).draw(Optional.empty(), id(signups), spec));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stats_annotations_in_the_window_are_marked_on_its_graph_with_short_labels(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat logins = world.counter(ada, "logins");
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START + 600, 2, 3));
            world.annotate(ada, signups, 1, (HOUR_START + 300) * 1000, "deployed v2");
            world.annotate(ada, signups, 2, (HOUR_START + 1_500) * 1000,
                    "<img src=x onerror=alert(1)> and a long tail past forty characters");
            world.annotate(ada, signups, 3, (HOUR_START - 600) * 1000, "before the hour");
            world.annotate(ada, logins, 4, (HOUR_START + 1_200) * 1000, "another stat's");

            String svg = Images.svgText(draw(world).draw(Optional.of(ada), id(signups),
                    spec("1h", 760, 235, GraphStyle.FILL, ImageFormat.SVG, "")));

            assertTrue(svg.contains(">deployed v2<"), "the annotation is labelled");
            assertTrue(svg.contains(">&lt;img src=x onerror=alert(1)&gt; and a long…<"), "cut, and text not markup");
            assertFalse(svg.contains("<img"));
            assertFalse(svg.contains("before the hour"), "outside the window");
            assertFalse(svg.contains("another stat"), "another stat's annotation");
        }
    }

    @Test
    void a_stats_png_graph_differs_once_it_is_annotated_and_an_annotated_sparkline_does_not() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START + 600, 2, 3));
            GraphSpec fill = spec("1h", 400, 150, GraphStyle.FILL, ImageFormat.PNG, "");
            GraphSpec spark = spec("1h", 200, 30, GraphStyle.SPARK, ImageFormat.PNG, "");
            byte[] plain = draw(world).draw(Optional.of(ada), id(signups), fill).bytes();
            byte[] plainSpark = draw(world).draw(Optional.of(ada), id(signups), spark).bytes();

            world.annotate(ada, signups, 1, (HOUR_START + 900) * 1000, "deployed v2");

            assertFalse(java.util.Arrays.equals(plain, draw(world).draw(Optional.of(ada), id(signups), fill).bytes()));
            assertArrayEquals(plainSpark, draw(world).draw(Optional.of(ada), id(signups), spark).bytes());
        }
    }

    @Test
    void a_graph_over_a_bad_frame_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> draw(world).draw(
                    Optional.of(ada), id(signups), spec("1q", 200, 100, GraphStyle.FILL, ImageFormat.PNG, "")));
            assertTrue(e.getMessage().startsWith("time frame tf: "), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15   | 100  | w must be between 16 and 4000 pixels, got 15",
            "4001 | 100  | w must be between 16 and 4000 pixels, got 4001",
            "-1   | 100  | w must be between 16 and 4000 pixels, got -1",
            "100  | 15   | h must be between 16 and 2000 pixels, got 15",
            "100  | 2001 | h must be between 16 and 2000 pixels, got 2001",
    })
    void a_graph_side_out_of_range_is_refused_with_the_limits_named(int width, int height, String message) {
        assertEquals(message, assertThrows(InvalidInputException.class,
                () -> spec("1d", width, height, GraphStyle.FILL, ImageFormat.PNG, "")).getMessage());
    }

    @Test
    void the_smallest_and_largest_sides_are_allowed() {
        assertEquals(16, spec("1d", 16, 16, GraphStyle.FILL, ImageFormat.PNG, "").width());
        assertEquals(2000, spec("1d", 4000, 2000, GraphStyle.FILL, ImageFormat.PNG, "").height());
    }

    @Test
    void a_title_is_trimmed_and_at_most_120_characters_without_control_characters() {
        assertEquals("Signups", spec("1d", 100, 100, GraphStyle.FILL, ImageFormat.PNG, "  Signups ").title());
        assertEquals("", spec("1d", 100, 100, GraphStyle.FILL, ImageFormat.PNG, null).title());
        assertEquals(120, spec("1d", 100, 100, GraphStyle.FILL, ImageFormat.PNG, "t".repeat(120)).title().length());
        assertEquals("title is 121 characters; at most 120 are allowed", assertThrows(InvalidInputException.class,
                () -> spec("1d", 100, 100, GraphStyle.FILL, ImageFormat.PNG, "t".repeat(121))).getMessage());
        assertEquals("title must not contain control characters", assertThrows(InvalidInputException.class,
                () -> spec("1d", 100, 100, GraphStyle.FILL, ImageFormat.PNG, "a\u0007b")).getMessage());
    }

    static GraphSpec spec(String frame, int width, int height, GraphStyle style, ImageFormat format, String title) {
        return new GraphSpec(frame, width, height, style, format, true, title);
    }

    private static DrawStatGraph draw(World world) {
        return new DrawStatGraph(world.statAccess(), world.drawing(), world.clock);
    }
}
