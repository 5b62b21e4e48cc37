package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.Visitor;
import java.util.List;

/** A person sees their account's dashboards, by name. */
public final class ListDashboards {
    private final DashboardStore dashboards;

    public ListDashboards(DashboardStore dashboards) {
        this.dashboards = dashboards;
    }

    public List<Dashboard> list(Visitor visitor) {
        return List.copyOf(dashboards.list(visitor.accountId()));
    }
}
