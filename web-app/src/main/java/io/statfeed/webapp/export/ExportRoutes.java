package io.statfeed.webapp.export;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.interactor.export.DeleteStat;
import io.statfeed.interactor.export.FindStat;
import io.statfeed.interactor.export.ListStats;
import io.statfeed.interactor.export.ReadStatData;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.presenters.json.ExportJson;
import java.util.Arrays;
import java.util.List;

/** StatHat's export API under {@code /x/ACCESS_TOKEN}. */
public final class ExportRoutes {
    private final ListStats listStats;
    private final FindStat findStat;
    private final ReadStatData readStatData;
    private final DeleteStat deleteStat;

    public ExportRoutes(ListStats listStats, FindStat findStat, ReadStatData readStatData, DeleteStat deleteStat) {
        this.listStats = listStats;
        this.findStat = findStat;
        this.readStatData = readStatData;
        this.deleteStat = deleteStat;
    }

    public void addTo(Javalin app) {
        app.get("/x/{token}/statlist", this::statList);
        app.get("/x/{token}/stat", this::stat);
        app.get("/x/{token}/data", ctx -> {
            throw new InvalidInputException("no stat id given; ask for /data/ID or /data/ID1/ID2");
        });
        app.get("/x/{token}/data/<ids>", this::data);
        app.delete("/x/{token}/stats/{id}", this::delete);
    }

    private void statList(Context ctx) {
        String token = Requests.path(ctx, "token");
        Responses.json(ctx, 200, ExportJson.statList(listStats.list(token, Requests.offset(ctx))));
    }

    private void stat(Context ctx) {
        String token = Requests.path(ctx, "token");
        String name = Requests.query(ctx, "name").orElse(null);
        Responses.json(ctx, 200, ExportJson.stat(findStat.find(token, name)));
    }

    private void data(Context ctx) {
        String token = Requests.path(ctx, "token");
        List<String> ids = Arrays.stream(Requests.path(ctx, "ids").split("/")).filter(id -> !id.isEmpty()).toList();
        String t = Requests.query(ctx, "t").orElse(null);
        var start = Requests.wholeNumber(ctx, "start", "unix seconds");
        Responses.json(ctx, 200, ExportJson.data(readStatData.read(token, ids, t, start)));
    }

    private void delete(Context ctx) {
        String token = Requests.path(ctx, "token");
        Responses.json(ctx, 200, ExportJson.deleted(deleteStat.delete(token, Requests.path(ctx, "id"))));
    }
}
