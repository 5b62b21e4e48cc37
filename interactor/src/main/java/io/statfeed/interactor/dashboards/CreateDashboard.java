package io.statfeed.interactor.dashboards;

import io.statfeed.core.model.Dashboard;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.interactor.feeds.PublishActivity;
import io.statfeed.interactor.Visitor;
import java.time.Clock;

/**
 * A person creates an empty dashboard, shared with their team: its members hear of it in their feeds.
 * Names need not be unique: dashboards are known by id.
 */
public final class CreateDashboard {
    private final DashboardStore dashboards;
    private final PublishActivity publisher;
    private final Clock clock;

    public CreateDashboard(DashboardStore dashboards, PublishActivity publisher, Clock clock) {
        this.dashboards = dashboards;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Dashboard create(Visitor visitor, String name) {
        String checked = Dashboards.checkedName(name);
        if (dashboards.count(visitor.accountId()) >= Dashboards.MAX_DASHBOARDS_PER_ACCOUNT) {
            throw new InvalidInputException("an account may have at most " + Dashboards.MAX_DASHBOARDS_PER_ACCOUNT
                    + " dashboards; delete one first");
        }
        Dashboard dashboard = dashboards.create(visitor.accountId(), checked, clock.millis());
        publisher.publish(publisher.dashboardShared(visitor.accountId(), visitor.userId(), dashboard.id(), dashboard.name(),
                clock.millis()));
        return dashboard;
    }
}
