package io.statfeed.webapp;

import io.javalin.Javalin;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.export.AccessTokens;
import io.statfeed.interactor.export.DeleteStat;
import io.statfeed.interactor.export.FindStat;
import io.statfeed.interactor.export.ListStats;
import io.statfeed.interactor.export.ReadStatData;
import io.statfeed.presenters.json.StatusJson;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web-app tier: pages, JSON and the StatHat-compatible export API. This class is the one
 * place that builds the tier's object graph (stores, use cases, routes), with constructors.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving on {@code settings.webPort()} (0 picks a free port, see {@link #port()}). */
    public static WebServer start(Settings settings, Database database) {
        return start(settings, database, Clock.systemUTC());
    }

    static WebServer start(Settings settings, Database database, Clock clock) {
        AccountStore accounts = new AccountStore(database);
        StatStore stats = new StatStore(database);
        BucketStore buckets = new BucketStore(database);
        AccessTokens tokens = new AccessTokens(accounts);

        AccountRoutes accountRoutes = new AccountRoutes(
                new SignUp(accounts, new Passwords(settings.passwordHashCost()), clock));
        ExportRoutes exportRoutes = new ExportRoutes(
                new ListStats(tokens, stats),
                new FindStat(tokens, stats),
                new ReadStatData(tokens, stats, buckets, clock),
                new DeleteStat(tokens, stats, clock));

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = Requests.MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Responses.JSON;
            ErrorMapping.configureJetty(config);
        });
        app.get("/healthz", ctx -> Responses.json(ctx, 200, StatusJson.ok("ok")));
        accountRoutes.addTo(app);
        exportRoutes.addTo(app);
        ErrorMapping.addTo(app);

        app.start(settings.webPort());
        log.info("web-app listening on port {}", app.port());
        return new WebServer(app);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        log.info("web-app stopped");
    }
}
