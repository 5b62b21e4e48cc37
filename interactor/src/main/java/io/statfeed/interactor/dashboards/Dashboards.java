package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.DisplayNames;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;

/** The rules and look-ups the dashboard use cases share. */
public final class Dashboards {
    /** As long as the column allows. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Enough for any wall screen; a bound keeps one page from drawing without end. */
    public static final int MAX_STATS_PER_DASHBOARD = 100;
    public static final int MAX_DASHBOARDS_PER_ACCOUNT = 500;

    private Dashboards() {
    }

    static String checkedName(String name) {
        return DisplayNames.checked("dashboard name", name, MAX_NAME_LENGTH);
    }

    static Dashboard owned(DashboardStore dashboards, Visitor visitor, long dashboardId) {
        return dashboards.find(visitor.accountId(), dashboardId).orElseThrow(() -> notFound(dashboardId));
    }

    static Stat ownedLiveStat(StatStore stats, Visitor visitor, long statId) {
        return stats.findLiveById(visitor.accountId(), statId)
                .orElseThrow(() -> new NotFoundException("no stat with id " + statId));
    }

    static DashboardView view(DashboardStore dashboards, Visitor visitor, long dashboardId) {
        Dashboard dashboard = owned(dashboards, visitor, dashboardId);
        return new DashboardView(dashboard, dashboards.stats(visitor.accountId(), dashboardId).stream()
                .map(DashboardStat::of).toList());
    }

    static NotFoundException notFound(long dashboardId) {
        return new NotFoundException("no dashboard with id " + dashboardId);
    }
}
