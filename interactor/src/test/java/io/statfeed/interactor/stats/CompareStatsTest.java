package io.statfeed.interactor.stats;

import static io.statfeed.interactor.stats.DrawStatGraphTest.spec;
import static io.statfeed.interactor.stats.Images.assertPng;
import static io.statfeed.interactor.stats.ViewStatTest.id;
import static io.statfeed.interactor.stats.ViewStatTest.minutePoints;
import static io.statfeed.interactor.testing.World.NOW_SECONDS;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.appservers.graph.GraphStyle;
import io.statfeed.appservers.graph.ImageFormat;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.stats.CompareStats.Compared;
import io.statfeed.interactor.stats.CompareStats.Comparison;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompareStatsTest {
    private static final long HOUR_START = 1_699_996_440L;
    private static final long HOUR_END = 1_700_000_040L;
    private static final long DAY = 86_400;
    private static final long TODAY = 1_699_920_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stats_are_compared_in_the_order_asked_each_once_with_their_points_and_summaries(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat load = world.value(ada, "load");
            Stat evesPublic = world.counter(eve, "eve's signups");
            new MakeStatPublic(world.stats).makePublic(eve, evesPublic.id(), true);
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START, 1, 1), bucket(HOUR_START + 59 * 60, 3));
            world.store(load, Resolution.MINUTE, bucket(HOUR_START + 60, 2, 4));
            world.store(evesPublic, Resolution.MINUTE, bucket(HOUR_START + 120, 7));

            Comparison comparison = compare(world).compare(Optional.of(ada),
                    List.of(id(load), id(signups), id(load), id(evesPublic)), "1h");

            assertEquals(new Window("1h", HOUR_START, HOUR_END, 60), comparison.window());
            assertEquals(List.of(load.id(), signups.id(), evesPublic.id()),
                    comparison.stats().stream().map(compared -> compared.stat().id()).toList());
            Compared first = comparison.stats().get(0);
            assertEquals(List.of(new Point(HOUR_START + 60, 3)), first.points());
            assertEquals(OptionalDouble.of(3), first.summary().mean());
            assertEquals(OptionalDouble.of(1), first.summary().stddev());
            Compared second = comparison.stats().get(1);
            assertEquals(minutePoints(HOUR_START, Map.of(0, 2.0, 59, 3.0)), second.points());
            assertEquals(5, second.summary().total());
            assertEquals(3, second.summary().points());
            assertEquals(7, comparison.stats().get(2).summary().total());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void all_reaches_back_to_the_creation_of_the_oldest_stat(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat fresh = world.counter(ada, "fresh");
            Stat old = world.stats.createOrGet(ada.accountId(), "old", true, (NOW_SECONDS - 3 * DAY) * 1_000);
            world.store(old, Resolution.DAY, bucket(TODAY - 3 * DAY, 8));

            Comparison comparison = compare(world).compare(Optional.of(ada), List.of(id(fresh), id(old)), "all");

            assertEquals(new Window("all", TODAY - 3 * DAY, TODAY + DAY, DAY), comparison.window());
            assertEquals(List.of(new Point(TODAY - 3 * DAY, 0), new Point(TODAY - 2 * DAY, 0),
                    new Point(TODAY - DAY, 0), new Point(TODAY, 0)), comparison.stats().get(0).points());
            assertEquals(new Point(TODAY - 3 * DAY, 8), comparison.stats().get(1).points().get(0));
        }
    }

    @Test
    void one_to_twenty_stats_can_be_compared() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            List<String> ids = IntStream.rangeClosed(1, 21).mapToObj(i -> id(world.counter(ada, "stat " + i))).toList();

            assertEquals("choose at least one stat to compare (ids=ID,ID,...)", assertThrows(
                    InvalidInputException.class, () -> compare(world).compare(Optional.of(ada), List.of(), "1h"))
                    .getMessage());
            assertEquals("at most 20 stats can be compared at once, got 21", assertThrows(InvalidInputException.class,
                    () -> compare(world).compare(Optional.of(ada), ids, "1h")).getMessage());
            assertEquals(20, compare(world).compare(Optional.of(ada), ids.subList(0, 20), "1h").stats().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_private_stat_cannot_be_compared(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Stat adas = world.counter(ada, "signups");
            Stat eves = world.counter(eve, "secret");

            assertEquals("no stat with id '" + eves.id() + "'", assertThrows(NotFoundException.class,
                    () -> compare(world).compare(Optional.of(ada), List.of(id(adas), id(eves)), "1h")).getMessage());
            assertThrows(NotFoundException.class,
                    () -> compare(world).compare(Optional.empty(), List.of(id(adas)), "1h"));
        }
    }

    @Test
    void a_comparison_over_a_bad_frame_is_refused() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");

            assertThrows(InvalidInputException.class,
                    () -> compare(world).compare(Optional.of(ada), List.of(id(signups)), "1h1d"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_overlay_is_drawn_as_one_image_of_the_requested_size(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat signups = world.counter(ada, "signups");
            Stat load = world.value(ada, "load");
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START, 1));
            world.store(load, Resolution.MINUTE, bucket(HOUR_START, 0.25));

            assertPng(500, 200, drawComparison(world).draw(Optional.of(ada), List.of(id(signups), id(load)),
                    spec("1h", 500, 200, GraphStyle.LINE, ImageFormat.PNG, "Signups and load")));
            Images.svg(drawComparison(world).draw(Optional.of(ada), List.of(id(signups), id(load)),
                    spec("1h", 500, 200, GraphStyle.LINE, ImageFormat.SVG, "")));
        }
    }

    @Test
    void an_overlay_is_refused_for_another_accounts_stat_or_more_than_twenty() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat eves = world.counter(world.newVisitor(), "secret");
            GraphSpec spec = spec("1h", 500, 200, GraphStyle.LINE, ImageFormat.PNG, "");
            List<String> many = IntStream.rangeClosed(1, 21).mapToObj(Integer::toString).toList();

            assertThrows(NotFoundException.class,
                    () -> drawComparison(world).draw(Optional.of(ada), List.of(id(eves)), spec));
            assertThrows(InvalidInputException.class, () -> drawComparison(world).draw(Optional.of(ada), many, spec));
        }
    }

    private static CompareStats compare(World world) {
        return new CompareStats(world.statAccess(), world.analyst(), world.clock);
    }

    private static DrawComparison drawComparison(World world) {
        return new DrawComparison(world.statAccess(), world.drawing(), world.clock);
    }
}
