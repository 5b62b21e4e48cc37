package io.statfeed.interactor.dashboards;

import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;

/** A person deletes one of their dashboards; its stats stay. */
public final class DeleteDashboard {
    private final DashboardStore dashboards;

    public DeleteDashboard(DashboardStore dashboards) {
        this.dashboards = dashboards;
    }

    public void delete(Visitor visitor, long dashboardId) {
        if (!dashboards.delete(visitor.accountId(), dashboardId)) {
            throw Dashboards.notFound(dashboardId);
        }
    }
}
