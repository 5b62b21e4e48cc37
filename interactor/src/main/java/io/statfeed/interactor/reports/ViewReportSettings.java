package io.statfeed.interactor.reports;

import io.statfeed.core.model.reports.ReportSubscription;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.interactor.Visitor;

/** The person's report settings, for the settings page (no reports until they choose some). */
public final class ViewReportSettings {
    private final ReportSubscriptionStore subscriptions;

    public ViewReportSettings(ReportSubscriptionStore subscriptions) {
        this.subscriptions = subscriptions;
    }

    public ReportSubscription view(Visitor visitor) {
        return subscriptions.find(visitor.userId());
    }
}
