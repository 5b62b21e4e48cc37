package io.statfeed.webapp.api;

import io.javalin.Javalin;
import io.statfeed.interactor.teams.ViewTeam;
import io.statfeed.presenters.teams.TeamPresenter;
import io.statfeed.webapp.http.Responses;

/** {@code GET /api/v1/members}: the people of the token's account, with their roles. */
public final class TeamApiRoutes {
    private final ViewTeam viewTeam;
    private final TeamPresenter presenter;

    public TeamApiRoutes(ViewTeam viewTeam, TeamPresenter presenter) {
        this.viewTeam = viewTeam;
        this.presenter = presenter;
    }

    public void addTo(Javalin app) {
        app.get(ApiCallers.PREFIX + "members", ctx -> Responses.json(ctx, 200,
                presenter.membersJson(viewTeam.members(ApiCallers.accountOf(ctx).id()))));
    }
}
