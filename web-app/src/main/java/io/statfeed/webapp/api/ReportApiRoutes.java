package io.statfeed.webapp.api;

import io.javalin.Javalin;
import io.statfeed.interactor.reports.SendReportsToMembers;
import io.statfeed.presenters.json.ReportJson;
import io.statfeed.webapp.http.Responses;

/**
 * {@code POST /api/v1/reports/send}: a report now to every member of the token's account. Sent
 * before the answer, so a 200 lists what the mail server took.
 */
public final class ReportApiRoutes {
    private final SendReportsToMembers sendReports;

    public ReportApiRoutes(SendReportsToMembers sendReports) {
        this.sendReports = sendReports;
    }

    public void addTo(Javalin app) {
        app.post(ApiCallers.PREFIX + "reports/send",
                ctx -> Responses.json(ctx, 200, ReportJson.sent(sendReports.send(ApiCallers.accountOf(ctx)))));
    }
}
