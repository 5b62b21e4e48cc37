package io.statfeed.interactor.dashboards;

import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/** A person takes a stat off one of their dashboards (the stat stays); a stat not on it is no error. */
public final class RemoveStatFromDashboard {
    private final DashboardStore dashboards;
    private final Clock clock;

    public RemoveStatFromDashboard(DashboardStore dashboards, Clock clock) {
        this.dashboards = dashboards;
        this.clock = clock;
    }

    /** @return the dashboard as it is now */
    public DashboardView remove(Visitor visitor, long dashboardId, long statId) {
        Dashboards.owned(dashboards, visitor, dashboardId);
        dashboards.removeStat(visitor.accountId(), dashboardId, statId, clock.millis());
        return Dashboards.view(dashboards, visitor, dashboardId);
    }
}
