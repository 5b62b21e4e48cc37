package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Stat;

/** A stat as a dashboard shows it (its graph is drawn elsewhere, by id). */
public record DashboardStat(long id, String name, boolean counter, boolean isPublic) {
    static DashboardStat of(Stat stat) {
        return new DashboardStat(stat.id(), stat.name(), stat.counter(), stat.isPublic());
    }
}
