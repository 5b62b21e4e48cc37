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

/**
 * Someone opens a dashboard over a time frame: each stat in order with its summary for the
 * frame (total or mean, and the change); the graphs themselves are images drawn on request.
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

    public OpenDashboard(DashboardStore dashboards, StatAnalyst analyst, Clock clock) {
        this.dashboards = dashboards;
        this.analyst = analyst;
        this.clock = clock;
    }

    public DashboardPage open(Visitor visitor, long dashboardId, String frame) {
        Dashboard dashboard = Dashboards.owned(dashboards, visitor, dashboardId);
        long now = clock.instant().getEpochSecond();
        List<Tile> tiles = new ArrayList<>();
        String key = Window.checkedKey(frame, now);
        for (Stat stat : dashboards.stats(visitor.accountId(), dashboardId)) {
            Window window = Window.forFrame(frame, stat, now);
            key = window.key();
            tiles.add(new Tile(stat, analyst.analyse(stat, window).analysis().summary()));
        }
        return new DashboardPage(dashboard, key, tiles);
    }
}
