package io.statfeed.interactor.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_creates_dashboards_and_sees_them_listed_by_name(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "  Web traffic ");
            create(world).create(ada, "api");
            create(world).create(world.newVisitor(), "someone else's");

            assertEquals("Web traffic", web.name());
            assertEquals(world.clock.millis(), web.createdAtMillis());
            assertEquals(List.of("api", "Web traffic"),
                    new ListDashboards(world.dashboards).list(ada).stream().map(Dashboard::name).toList());
            assertEquals(new DashboardView(web, List.of()), view(world).view(ada, web.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void a_dashboard_needs_a_name(String name) {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            assertEquals("dashboard name is missing", assertThrows(InvalidInputException.class,
                    () -> create(world).create(world.newVisitor(), name)).getMessage());
        }
    }

    @Test
    void a_dashboard_name_is_at_most_100_characters_without_control_characters() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            assertEquals("dashboard name is 101 characters long; at most 100 are allowed",
                    assertThrows(InvalidInputException.class, () -> create(world).create(ada, "x".repeat(101)))
                            .getMessage());
            assertEquals("dashboard name may not contain control characters: 'a?b'",
                    assertThrows(InvalidInputException.class, () -> create(world).create(ada, "a\nb")).getMessage());
            assertEquals("x".repeat(100), create(world).create(ada, "x".repeat(100)).name());
            assertEquals("dashboard name is missing", assertThrows(InvalidInputException.class,
                    () -> create(world).create(ada, null)).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_dashboard_name_of_100_emoji_fits_on_every_backend_or_is_refused_by_name(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            String fifty = "🚀".repeat(50);
            assertEquals(fifty, create(world).create(ada, fifty).name());
            assertThrows(InvalidInputException.class, () -> create(world).create(ada, fifty + "x"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_person_renames_and_deletes_a_dashboard(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            world.clock.advance(Duration.ofMinutes(1));

            Dashboard renamed = new RenameDashboard(world.dashboards, world.clock).rename(ada, web.id(), " Web ");

            assertEquals(new Dashboard(web.id(), ada.accountId(), "Web", web.createdAtMillis(), world.clock.millis()),
                    renamed);
            assertThrows(InvalidInputException.class,
                    () -> new RenameDashboard(world.dashboards, world.clock).rename(ada, web.id(), ""));
            new DeleteDashboard(world.dashboards, world.activities).delete(ada, web.id());
            assertEquals(List.of(), new ListDashboards(world.dashboards).list(ada));
            assertEquals("no dashboard with id " + web.id(), assertThrows(NotFoundException.class,
                    () -> new DeleteDashboard(world.dashboards, world.activities).delete(ada, web.id())).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void another_accounts_dashboard_is_not_found_for_anything(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            Stat adas = world.counter(ada, "signups");
            Stat eves = world.counter(eve, "eve's");
            long id = web.id();

            List<Runnable> attempts = List.of(
                    () -> view(world).view(eve, id),
                    () -> new RenameDashboard(world.dashboards, world.clock).rename(eve, id, "mine"),
                    () -> new DeleteDashboard(world.dashboards, world.activities).delete(eve, id),
                    () -> add(world).add(eve, id, eves.id()),
                    () -> add(world).add(eve, id, adas.id()),
                    () -> remove(world).remove(eve, id, adas.id()),
                    () -> reorder(world).reorder(eve, id, List.of()));
            for (Runnable attempt : attempts) {
                assertEquals("no dashboard with id " + id, assertThrows(NotFoundException.class, attempt::run)
                        .getMessage());
            }
            assertEquals("web", view(world).view(ada, id).dashboard().name());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void only_the_accounts_own_live_stats_can_be_added(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Visitor eve = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            Stat eves = world.counter(eve, "eve's");
            Stat trashed = world.counter(ada, "old");
            world.stats.softDelete(ada.accountId(), trashed.id(), world.clock.millis());

            for (long statId : new long[] {eves.id(), trashed.id(), 42L}) {
                assertEquals("no stat with id " + statId, assertThrows(NotFoundException.class,
                        () -> add(world).add(ada, web.id(), statId)).getMessage());
            }
            assertEquals(List.of(), view(world).view(ada, web.id()).stats());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stats_are_added_at_the_end_once_removed_and_reordered(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            Stat signups = world.counter(ada, "signups");
            Stat load = world.value(ada, "load");
            Stat errors = world.counter(ada, "errors");

            add(world).add(ada, web.id(), signups.id());
            add(world).add(ada, web.id(), load.id());
            add(world).add(ada, web.id(), signups.id());
            DashboardView view = add(world).add(ada, web.id(), errors.id());
            assertEquals(List.of(new DashboardStat(signups.id(), "signups", true, false),
                    new DashboardStat(load.id(), "load", false, false),
                    new DashboardStat(errors.id(), "errors", true, false)), view.stats());

            assertEquals(List.of("errors", "signups", "load"), names(reorder(world).reorder(ada, web.id(),
                    List.of(errors.id(), signups.id(), load.id()))));
            assertEquals(List.of("errors", "load"), names(remove(world).remove(ada, web.id(), signups.id())));
            assertEquals(List.of("errors", "load"), names(remove(world).remove(ada, web.id(), signups.id())),
                    "removing a stat that is not there changes nothing");
            assertEquals(List.of("errors", "load"), names(view(world).view(ada, web.id())));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_new_order_that_is_not_the_dashboards_stats_each_once_is_refused(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            Stat a = world.counter(ada, "a");
            Stat b = world.counter(ada, "b");
            Stat other = world.counter(ada, "other");
            add(world).add(ada, web.id(), a.id());
            add(world).add(ada, web.id(), b.id());

            List<List<Long>> wrong = new ArrayList<>(List.of(List.of(a.id()), List.of(a.id(), a.id()),
                    List.of(a.id(), other.id()), List.of(a.id(), b.id(), other.id())));
            wrong.add(null);
            for (List<Long> order : wrong) {
                assertEquals("the new order must name each of the dashboard's 2 stats exactly once; reload the"
                        + " dashboard if it has changed", assertThrows(InvalidInputException.class,
                        () -> reorder(world).reorder(ada, web.id(), order)).getMessage());
            }
            assertEquals(List.of("a", "b"), names(view(world).view(ada, web.id())));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_moved_to_the_trash_disappears_from_its_dashboards(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            Stat a = world.counter(ada, "a");
            Stat b = world.counter(ada, "b");
            add(world).add(ada, web.id(), a.id());
            add(world).add(ada, web.id(), b.id());

            world.stats.softDelete(ada.accountId(), a.id(), world.clock.millis());

            assertEquals(List.of("b"), names(view(world).view(ada, web.id())));
            assertEquals(List.of("b"), names(reorder(world).reorder(ada, web.id(), List.of(b.id()))));
        }
    }

    @Test
    void a_dashboard_holds_at_most_100_stats() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = create(world).create(ada, "web");
            List<Stat> stats = new ArrayList<>();
            for (int i = 0; i < Dashboards.MAX_STATS_PER_DASHBOARD + 1; i++) {
                stats.add(world.counter(ada, "stat " + i));
            }
            for (Stat stat : stats.subList(0, Dashboards.MAX_STATS_PER_DASHBOARD)) {
                add(world).add(ada, web.id(), stat.id());
            }

            assertEquals("a dashboard holds at most 100 stats; remove one first", assertThrows(
                    InvalidInputException.class, () -> add(world).add(ada, web.id(), stats.get(100).id())).getMessage());
            assertEquals(100, add(world).add(ada, web.id(), stats.get(0).id()).stats().size(),
                    "adding one that is there already is still fine");
            List<Long> reversed = new ArrayList<>(stats.subList(0, 100).stream().map(Stat::id).toList());
            java.util.Collections.reverse(reversed);
            assertEquals(reversed, reorder(world).reorder(ada, web.id(), reversed).stats().stream()
                    .map(DashboardStat::id).toList());
        }
    }

    @Test
    void an_account_has_at_most_500_dashboards() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            for (int i = 0; i < Dashboards.MAX_DASHBOARDS_PER_ACCOUNT; i++) {
                world.dashboards.create(ada.accountId(), "d" + i, world.clock.millis());
            }
            assertEquals("an account may have at most 500 dashboards; delete one first", assertThrows(
                    InvalidInputException.class, () -> create(world).create(ada, "one more")).getMessage());
            create(world).create(world.newVisitor(), "another account's first");
        }
    }

    private static List<String> names(DashboardView view) {
        return view.stats().stream().map(DashboardStat::name).toList();
    }

    private static CreateDashboard create(World world) {
        return new CreateDashboard(world.dashboards, world.publisher, world.clock);
    }

    private static ViewDashboard view(World world) {
        return new ViewDashboard(world.dashboards);
    }

    private static AddStatToDashboard add(World world) {
        return new AddStatToDashboard(world.dashboards, world.stats, world.clock);
    }

    private static RemoveStatFromDashboard remove(World world) {
        return new RemoveStatFromDashboard(world.dashboards, world.clock);
    }

    private static ReorderDashboard reorder(World world) {
        return new ReorderDashboard(world.dashboards, world.clock);
    }
}
