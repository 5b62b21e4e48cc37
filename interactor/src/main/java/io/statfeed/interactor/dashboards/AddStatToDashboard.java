package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.List;

/** A person puts one of their stats at the end of one of their dashboards; adding it again changes nothing. */
public final class AddStatToDashboard {
    private final DashboardStore dashboards;
    private final StatStore stats;
    private final Clock clock;

    public AddStatToDashboard(DashboardStore dashboards, StatStore stats, Clock clock) {
        this.dashboards = dashboards;
        this.stats = stats;
        this.clock = clock;
    }

    /** @return the dashboard as it is now */
    public DashboardView add(Visitor visitor, long dashboardId, long statId) {
        Dashboards.owned(dashboards, visitor, dashboardId);
        Dashboards.ownedLiveStat(stats, visitor, statId);
        List<Long> onIt = dashboards.statIds(visitor.accountId(), dashboardId);
        if (!onIt.contains(statId) && onIt.size() >= Dashboards.MAX_STATS_PER_DASHBOARD) {
            throw new InvalidInputException("a dashboard holds at most " + Dashboards.MAX_STATS_PER_DASHBOARD
                    + " stats; remove one first");
        }
        dashboards.addStat(visitor.accountId(), dashboardId, statId, clock.millis());
        return Dashboards.view(dashboards, visitor, dashboardId);
    }
}
