package io.statfeed.interactor.dashboards;

import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;

/** A person opens one of their dashboards: its live stats in order (stats in the trash are left out). */
public final class ViewDashboard {
    private final DashboardStore dashboards;

    public ViewDashboard(DashboardStore dashboards) {
        this.dashboards = dashboards;
    }

    public DashboardView view(Visitor visitor, long dashboardId) {
        return Dashboards.view(dashboards, visitor, dashboardId);
    }
}
