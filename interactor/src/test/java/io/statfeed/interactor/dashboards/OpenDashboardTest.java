package io.statfeed.interactor.dashboards;

import static io.statfeed.interactor.testing.World.NOW_SECONDS;
import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.analysis.Analysis.Summary;
import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.dashboards.OpenDashboard.DashboardPage;
import io.statfeed.interactor.dashboards.OpenDashboard.Tile;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenDashboardTest {
    /** 1h at NOW_SECONDS: sixty minutes from 21:14, the last holding now. */
    private static final long HOUR_START = 1_699_996_440L;
    private static final long DAY = 86_400;
    private static final long TODAY = 1_699_920_000L;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_dashboard_opens_with_its_stats_in_its_order_each_with_a_summary_of_the_frame(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(ada, "web");
            Stat signups = world.counter(ada, "signups");
            Stat load = world.value(ada, "load");
            add(world, ada, web, signups);
            add(world, ada, web, load);
            new ReorderDashboard(world.dashboards, world.clock).reorder(ada, web.id(), List.of(load.id(), signups.id()));
            world.store(signups, Resolution.MINUTE, bucket(HOUR_START - 60, 2), bucket(HOUR_START, 1, 2),
                    bucket(HOUR_START + 600, 1));
            world.store(load, Resolution.MINUTE, bucket(HOUR_START + 60, 1, 3), bucket(HOUR_START + 120, 8));

            DashboardPage page = open(world).open(ada, web.id(), "1h");

            assertEquals(web.id(), page.dashboard().id());
            assertEquals("1h", page.frame());
            assertEquals(List.of(load, signups), page.tiles().stream().map(Tile::stat).toList());
            Summary loadSummary = page.tiles().get(0).summary();
            assertEquals(3, loadSummary.points());
            assertEquals(OptionalDouble.of(4), loadSummary.mean());
            assertEquals(OptionalDouble.of(1), loadSummary.min());
            assertEquals(OptionalDouble.of(8), loadSummary.max());
            Summary signupsSummary = page.tiles().get(1).summary();
            assertEquals(4, signupsSummary.total());
            assertEquals(OptionalDouble.of(2), signupsSummary.previous());
            assertEquals(OptionalDouble.of(100), signupsSummary.changePct());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void over_all_each_tile_sums_its_stat_since_it_was_created(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(ada, "web");
            Stat old = world.stats.createOrGet(ada.accountId(), "old", true, (NOW_SECONDS - 10 * DAY) * 1_000);
            Stat fresh = world.counter(ada, "fresh");
            add(world, ada, web, old);
            add(world, ada, web, fresh);
            world.store(old, Resolution.DAY, bucket(TODAY - 10 * DAY, 5), bucket(TODAY - 11 * DAY, 100));
            world.store(fresh, Resolution.DAY, bucket(TODAY - DAY, 100), bucket(TODAY, 6));

            DashboardPage page = open(world).open(ada, web.id(), "all");

            assertEquals("all", page.frame());
            assertEquals(List.of(5.0, 6.0), page.tiles().stream().map(tile -> tile.summary().total()).toList());
        }
    }

    @Test
    void an_empty_dashboard_opens_with_no_tiles_over_a_day_unless_told_otherwise() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(ada, "web");

            assertEquals(new DashboardPage(web, "1d", List.of()), open(world).open(ada, web.id(), null));
            assertEquals(new DashboardPage(web, "1w3h", List.of()), open(world).open(ada, web.id(), " 1w3h "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x", "1h1d", "1y1m"})
    void a_bad_frame_is_refused_even_on_an_empty_dashboard(String frame) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(ada, "web");

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> open(world).open(ada, web.id(), frame));
            assertTrue(e.getMessage().startsWith("time frame tf: "), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_dashboard_is_not_found(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(ada, "web");
            add(world, ada, web, world.counter(ada, "signups"));

            assertEquals("no dashboard with id " + web.id(), assertThrows(NotFoundException.class,
                    () -> open(world).open(world.newVisitor(), web.id(), "1h")).getMessage());
            assertThrows(NotFoundException.class, () -> open(world).open(ada, web.id() + 1, "1h"));
        }
    }

    private static void add(World world, Visitor visitor, Dashboard dashboard, Stat stat) {
        new AddStatToDashboard(world.dashboards, world.stats, world.clock).add(visitor, dashboard.id(), stat.id());
    }

    private static OpenDashboard open(World world) {
        return new OpenDashboard(world.dashboards, world.analyst(), world.clock, InParallel.onCallingThread());
    }
}
