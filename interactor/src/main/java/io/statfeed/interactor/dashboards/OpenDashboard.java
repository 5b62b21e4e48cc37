package io.statfeed.interactor.dashboards;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.stats.StatAnalyst;
import io.statfeed.interactor.stats.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Someone opens a dashboard over a time frame: each stat in order with its summary for the
 * frame (total or mean, and the change); the graphs themselves are images drawn on request.
 *
 * <p>The tiles are summarised at the same time on {@code tileReaders}: each is a few reads and an
 * analysis (perhaps on another process), and a page of twelve read one after another waited for
 * each in turn while the other cores idled (scripts/bench-web, BENCHMARKS.md).
 */
public final class OpenDashboard {
    /** One graph of the dashboard. */
    public record Tile(Stat stat, Analysis.Summary summary) {
    }

    public record DashboardPage(Dashboard dashboard, String frame, List<Tile> tiles) {
        public DashboardPage {
            tiles = List.copyOf(tiles);
        }
    }

    private final DashboardStore dashboards;
    private final StatAnalyst analyst;
    private final Clock clock;
    private final ExecutorService tileReaders;

    /** @param tileReaders runs the tiles' reads and analyses; shared by every request, owned by the caller */
    public OpenDashboard(DashboardStore dashboards, StatAnalyst analyst, Clock clock, ExecutorService tileReaders) {
        this.dashboards = dashboards;
        this.analyst = analyst;
        this.clock = clock;
        this.tileReaders = tileReaders;
    }

    public DashboardPage open(Visitor visitor, long dashboardId, String frame) {
        Dashboard dashboard = Dashboards.owned(dashboards, visitor, dashboardId);
        long now = clock.instant().getEpochSecond();
        String key = Window.checkedKey(frame, now);
        List<Stat> stats = dashboards.stats(visitor.accountId(), dashboardId);
        List<Future<Analysis.Summary>> summaries = new ArrayList<>();
        for (Stat stat : stats) {
            Window window = Window.forFrame(frame, stat, now);
            key = window.key();
            summaries.add(tileReaders.submit(() -> analyst.summarise(stat, window)));
        }
        return new DashboardPage(dashboard, key, tiles(stats, summaries));
    }

    /** The tiles once every summary is in; the first failure, as it was thrown, fails the page. */
    private static List<Tile> tiles(List<Stat> stats, List<Future<Analysis.Summary>> summaries) {
        List<Tile> tiles = new ArrayList<>();
        try {
            for (int i = 0; i < stats.size(); i++) {
                tiles.add(new Tile(stats.get(i), summaries.get(i).get()));
            }
            return tiles;
        } catch (ExecutionException e) {
            summaries.forEach(summary -> summary.cancel(true));
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("summarising a dashboard tile failed", e.getCause());
        } catch (InterruptedException e) {
            summaries.forEach(summary -> summary.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while summarising a dashboard's tiles", e);
        }
    }
}
