package io.statfeed.interactor.dashboards;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.stats.StatAnalyst;
import io.statfeed.interactor.stats.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Someone opens a dashboard over a time frame: each stat in order with its summary for the
 * frame (total or mean, and the change); the graphs themselves are images drawn on request.
 *
 * <p>The tiles are summarised at the same time: each is a few reads and an analysis (perhaps on
 * another process), and a page of twelve read one after another waited for each in turn while the
 * other cores idled (scripts/bench-web, BENCHMARKS.md).
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
    private final InParallel inParallel;

    public OpenDashboard(DashboardStore dashboards, StatAnalyst analyst, Clock clock, InParallel inParallel) {
        this.dashboards = dashboards;
        this.analyst = analyst;
        this.clock = clock;
        this.inParallel = inParallel;
    }

    public DashboardPage open(Visitor visitor, long dashboardId, String frame) {
        Dashboard dashboard = Dashboards.owned(dashboards, visitor, dashboardId);
        long now = clock.instant().getEpochSecond();
        String key = Window.checkedKey(frame, now);
        List<Stat> stats = dashboards.stats(visitor.accountId(), dashboardId);
        List<Callable<Tile>> tiles = new ArrayList<>();
        for (Stat stat : stats) {
            Window window = Window.forFrame(frame, stat, now);
            key = window.key();
            tiles.add(() -> new Tile(stat, analyst.summarise(stat, window)));
        }
        return new DashboardPage(dashboard, key, inParallel.all(tiles));
    }
}
