package io.statfeed.interactor.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.appservers.AppServerUnavailableException;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.StatAnalyzer;
import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.stats.StatAnalyst;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenDashboardTilesTest {
    /** The default frame, 1d of 5-minute intervals, ends with the interval holding the world's now. */
    private static final long WINDOW_END = World.NOW_SECONDS - World.NOW_SECONDS % 300 + 300;
    private static final long WINDOW_START = WINDOW_END - 86_400;
    private static final int TILE_THREADS = 4;

    @TempDir
    Path dataDir;

    private final ExecutorService tileReaders = Executors.newFixedThreadPool(TILE_THREADS);

    @AfterEach
    void stopTileReaders() {
        tileReaders.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void each_tile_has_its_stats_summary_of_the_frame_against_the_one_before_in_the_dashboards_order(Backend backend) {
        try (World world = new World(backend, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat latency = world.value(ada, "latency ms");
            Stat signups = world.counter(ada, "signups");
            world.store(signups, Resolution.MINUTE, new Bucket(WINDOW_START - 3_600, 8, 8, 1, 1, 8),
                    new Bucket(WINDOW_START + 3_600, 4, 4, 1, 1, 4), new Bucket(WINDOW_END - 60, 6, 6, 1, 1, 6));
            world.store(latency, Resolution.MINUTE, new Bucket(WINDOW_START - 600, 1, 4, 4, 4, 16),
                    new Bucket(WINDOW_START + 600, 2, 10, 4, 6, 52));
            long dashboardId = dashboardOf(world, ada, latency, signups);
            List<AnalysisRequest> asked = new CopyOnWriteArrayList<>();
            StatAnalyzer analyzer = new StatAnalyzer();

            OpenDashboard.DashboardPage page = open(world, request -> {
                asked.add(request);
                return analyzer.analyze(request);
            }).open(ada, dashboardId, "");

            assertEquals("1d", page.frame());
            assertEquals(List.of(latency, signups), page.tiles().stream().map(OpenDashboard.Tile::stat).toList());
            Analysis.Summary latencySummary = page.tiles().get(0).summary();
            assertEquals(OptionalDouble.of(5), latencySummary.mean());
            assertEquals(OptionalDouble.of(4), latencySummary.previous());
            assertEquals(OptionalDouble.of(25), latencySummary.changePct());
            Analysis.Summary signupsSummary = page.tiles().get(1).summary();
            assertEquals(10, signupsSummary.total());
            assertEquals(OptionalDouble.of(8), signupsSummary.previous());
            assertEquals(OptionalDouble.of(25), signupsSummary.changePct());
            assertEquals(2, asked.size());
            for (AnalysisRequest request : asked) { // a tile shows neither anomalies nor a forecast
                assertNull(request.history());
                assertEquals(0, request.forecastIntervals());
            }
        }
    }

    @Test
    void the_tiles_are_summarised_at_the_same_time() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            Stat[] stats = {world.counter(ada, "a"), world.counter(ada, "b"), world.counter(ada, "c")};
            long dashboardId = dashboardOf(world, ada, stats);
            // Each analysis waits for the others: one after another, the first would wait in vain.
            CyclicBarrier allAtOnce = new CyclicBarrier(stats.length);
            StatAnalyzer analyzer = new StatAnalyzer();

            OpenDashboard.DashboardPage page = open(world, request -> {
                try {
                    allAtOnce.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the tiles were not summarised at the same time", e);
                }
                return analyzer.analyze(request);
            }).open(ada, dashboardId, "1w");

            assertEquals(3, page.tiles().size());
            assertEquals("1w", page.frame());
        }
    }

    @Test
    void a_tile_that_cannot_be_summarised_fails_the_page_with_its_own_failure() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            long dashboardId = dashboardOf(world, ada, world.counter(ada, "a"), world.value(ada, "b"));
            AppServerUnavailableException down = new AppServerUnavailableException("no analysis server answered");
            StatAnalyzer analyzer = new StatAnalyzer();

            AppServerUnavailableException thrown = assertThrows(AppServerUnavailableException.class,
                    () -> open(world, request -> {
                        if (!request.counter()) {
                            throw down;
                        }
                        return analyzer.analyze(request);
                    }).open(ada, dashboardId, "1d"));

            assertSame(down, thrown);
        }
    }

    @Test
    void an_empty_dashboard_opens_without_tiles_and_a_bad_frame_is_refused_all_the_same() {
        try (World world = new World(Backend.EMBEDDED, dataDir)) {
            Visitor ada = world.newVisitor();
            long dashboardId = dashboardOf(world, ada);
            OpenDashboard open = open(world, new StatAnalyzer());

            OpenDashboard.DashboardPage page = open.open(ada, dashboardId, "1M");

            assertTrue(page.tiles().isEmpty());
            assertEquals("1M", page.frame());
            assertTrue(assertThrows(InvalidInputException.class, () -> open.open(ada, dashboardId, "1q"))
                    .getMessage().startsWith("time frame tf:"));
        }
    }

    private OpenDashboard open(World world, AnalysisService analysis) {
        return new OpenDashboard(world.dashboards, new StatAnalyst(world.seriesReader(), analysis),
                world.clock, new InParallel(tileReaders));
    }

    private static long dashboardOf(World world, Visitor owner, Stat... stats) {
        long id = new CreateDashboard(world.dashboards, world.publisher, world.clock).create(owner, "board").id();
        AddStatToDashboard add = new AddStatToDashboard(world.dashboards, world.stats, world.clock);
        for (Stat stat : stats) {
            add.add(owner, id, stat.id());
        }
        return id;
    }
}
