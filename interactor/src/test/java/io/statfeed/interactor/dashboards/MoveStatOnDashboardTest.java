package io.statfeed.interactor.dashboards;

import static io.statfeed.interactor.dashboards.MoveStatOnDashboard.Direction.EARLIER;
import static io.statfeed.interactor.dashboards.MoveStatOnDashboard.Direction.LATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MoveStatOnDashboardTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_moves_one_place_earlier_or_later(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = dashboardOf(world, ada, "a", "b", "c");
            long b = statId(world, ada, "b");

            assertEquals(List.of("b", "a", "c"), names(move(world).move(ada, web.id(), b, EARLIER)));
            assertEquals(List.of("a", "b", "c"), names(move(world).move(ada, web.id(), b, LATER)));
            assertEquals(List.of("a", "c", "b"), names(move(world).move(ada, web.id(), b, LATER)));
            assertEquals(List.of("a", "c", "b"), names(new ViewDashboard(world.dashboards).view(ada, web.id())));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_first_stat_moving_earlier_or_the_last_moving_later_changes_nothing(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = dashboardOf(world, ada, "a", "b", "c");

            assertEquals(List.of("a", "b", "c"),
                    names(move(world).move(ada, web.id(), statId(world, ada, "a"), EARLIER)));
            assertEquals(List.of("a", "b", "c"),
                    names(move(world).move(ada, web.id(), statId(world, ada, "c"), LATER)));
            Dashboard alone = dashboardOf(world, ada, "d");
            assertEquals(List.of("d"), names(move(world).move(ada, alone.id(), statId(world, ada, "d"), LATER)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_moves_past_one_in_the_trash_as_if_it_were_not_there(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = dashboardOf(world, ada, "a", "trashed", "b");
            world.stats.softDelete(ada.accountId(), statId(world, ada, "trashed"), world.clock.millis());

            assertEquals(List.of("b", "a"), names(move(world).move(ada, web.id(), statId(world, ada, "b"), EARLIER)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_stat_not_on_the_dashboard_or_a_dashboard_of_another_account_is_not_found(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Dashboard web = dashboardOf(world, ada, "a", "b");
            Stat elsewhere = world.counter(ada, "elsewhere");

            assertEquals("stat " + elsewhere.id() + " is not on this dashboard", assertThrows(NotFoundException.class,
                    () -> move(world).move(ada, web.id(), elsewhere.id(), LATER)).getMessage());
            assertEquals("no dashboard with id " + web.id(), assertThrows(NotFoundException.class,
                    () -> move(world).move(world.newVisitor(), web.id(), statId(world, ada, "a"), LATER))
                    .getMessage());
            assertEquals(List.of("a", "b"), names(new ViewDashboard(world.dashboards).view(ada, web.id())));
        }
    }

    private static Dashboard dashboardOf(World world, Visitor owner, String... statNames) {
        Dashboard dashboard = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(owner, "web");
        for (String name : statNames) {
            new AddStatToDashboard(world.dashboards, world.stats, world.clock)
                    .add(owner, dashboard.id(), world.counter(owner, name).id());
        }
        return dashboard;
    }

    private static long statId(World world, Visitor owner, String name) {
        return world.stats.findLive(owner.accountId(), name).orElseThrow().id();
    }

    private static List<String> names(DashboardView view) {
        return view.stats().stream().map(DashboardStat::name).toList();
    }

    private static MoveStatOnDashboard move(World world) {
        return new MoveStatOnDashboard(new ViewDashboard(world.dashboards),
                new ReorderDashboard(world.dashboards, world.clock));
    }
}
