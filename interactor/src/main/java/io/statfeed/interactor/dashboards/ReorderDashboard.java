package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;

/** A person puts the stats of one of their dashboards in a new order (say, after dragging one). */
public final class ReorderDashboard {
    private final DashboardStore dashboards;
    private final Clock clock;

    public ReorderDashboard(DashboardStore dashboards, Clock clock) {
        this.dashboards = dashboards;
        this.clock = clock;
    }

    /**
     * @param statIds every stat of the dashboard, each once, in the new order
     * @return the dashboard as it is now
     */
    public DashboardView reorder(Visitor visitor, long dashboardId, List<Long> statIds) {
        Dashboards.owned(dashboards, visitor, dashboardId);
        if (statIds == null || statIds.size() > Dashboards.MAX_STATS_PER_DASHBOARD) {
            throw notAPermutation(visitor, dashboardId);
        }
        if (!dashboards.reorder(visitor.accountId(), dashboardId, statIds, clock.millis())) {
            throw notAPermutation(visitor, dashboardId); // also when a stat came or went meanwhile: the page is stale
        }
        return Dashboards.view(dashboards, visitor, dashboardId);
    }

    private InvalidInputException notAPermutation(Visitor visitor, long dashboardId) {
        int count = dashboards.statIds(visitor.accountId(), dashboardId).size();
        return new InvalidInputException("the new order must name each of the dashboard's " + count
                + (count == 1 ? " stat" : " stats") + " exactly once; reload the dashboard if it has changed");
    }
}
