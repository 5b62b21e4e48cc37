package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;

/** A person deletes one of their dashboards; its stats stay, its activities leave every feed. */
public final class DeleteDashboard {
    private final DashboardStore dashboards;
    private final ActivityStore activities;

    public DeleteDashboard(DashboardStore dashboards, ActivityStore activities) {
        this.dashboards = dashboards;
        this.activities = activities;
    }

    public void delete(Visitor visitor, long dashboardId) {
        if (!dashboards.delete(visitor.accountId(), dashboardId)) {
            throw Dashboards.notFound(dashboardId);
        }
        activities.deleteAboutObject(new Activity.ObjectRef("dashboard", dashboardId));
    }
}
