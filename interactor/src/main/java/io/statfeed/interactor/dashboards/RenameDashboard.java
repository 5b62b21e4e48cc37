package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/** A person renames one of their dashboards. */
public final class RenameDashboard {
    private final DashboardStore dashboards;
    private final Clock clock;

    public RenameDashboard(DashboardStore dashboards, Clock clock) {
        this.dashboards = dashboards;
        this.clock = clock;
    }

    public Dashboard rename(Visitor visitor, long dashboardId, String newName) {
        String checked = Dashboards.checkedName(newName);
        if (!dashboards.rename(visitor.accountId(), dashboardId, checked, clock.millis())) {
            throw Dashboards.notFound(dashboardId);
        }
        return Dashboards.owned(dashboards, visitor, dashboardId);
    }
}
