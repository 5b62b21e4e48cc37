package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Dashboard;
import java.util.List;

/** A dashboard with its live stats in display order. */
public record DashboardView(Dashboard dashboard, List<DashboardStat> stats) {
    public DashboardView {
        stats = List.copyOf(stats);
    }
}
