package io.statfeed.webapp;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.statfeed.appservers.AppServices;
import io.statfeed.core.concurrent.InParallel;
import io.statfeed.channels.webhook.WebhookAddresses;
import io.statfeed.core.config.AddressBlock;
import io.statfeed.core.config.Settings;
import io.statfeed.http.ForwardedClients;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.interactor.feeds.PublishActivity;
import io.statfeed.core.storage.FeedTokenStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.NotificationMarkStore;
import io.statfeed.core.storage.TimelineStore;
import io.statfeed.interactor.feeds.ActivityVisibility;
import io.statfeed.interactor.feeds.AnnotateStat;
import io.statfeed.interactor.feeds.AtomFeeds;
import io.statfeed.interactor.feeds.DeleteActivity;
import io.statfeed.interactor.feeds.DeleteAnnotation;
import io.statfeed.interactor.feeds.FollowObject;
import io.statfeed.interactor.feeds.FollowTargets;
import io.statfeed.interactor.feeds.LiveActivities;
import io.statfeed.interactor.feeds.Notifications;
import io.statfeed.interactor.feeds.People;
import io.statfeed.interactor.feeds.ReadTimeline;
import io.statfeed.interactor.feeds.TimelineReader;
import io.statfeed.presenters.feeds.FeedPagePresenter;
import io.statfeed.webapp.api.FeedApiRoutes;
import io.statfeed.webapp.live.LiveStream;
import io.statfeed.webapp.pages.FeedRoutes;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.storage.DashboardStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.channels.mail.MailSenders;
import io.statfeed.core.storage.TeamStore;
import io.statfeed.interactor.teams.AcceptInvite;
import io.statfeed.interactor.teams.ChangeRole;
import io.statfeed.interactor.teams.InviteMember;
import io.statfeed.interactor.teams.LeaveAccount;
import io.statfeed.interactor.teams.RemoveMember;
import io.statfeed.interactor.teams.RevokeInvite;
import io.statfeed.interactor.teams.SwitchAccount;
import io.statfeed.interactor.teams.ViewInvite;
import io.statfeed.interactor.teams.ViewTeam;
import io.statfeed.presenters.mail.InviteMailPresenter;
import io.statfeed.presenters.teams.TeamPresenter;
import io.statfeed.webapp.api.TeamApiRoutes;
import io.statfeed.webapp.pages.TeamRoutes;
import io.statfeed.core.storage.InstallationSecretStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.core.storage.StarStore;
import io.statfeed.interactor.reports.ChangeReportSettings;
import io.statfeed.interactor.reports.PeriodSparklines;
import io.statfeed.interactor.reports.ReportComposer;
import io.statfeed.interactor.reports.ReportDelivery;
import io.statfeed.interactor.reports.SendReportNow;
import io.statfeed.interactor.reports.SendReportsToMembers;
import io.statfeed.interactor.reports.StarStat;
import io.statfeed.interactor.reports.UnsubscribeFromReports;
import io.statfeed.interactor.reports.UnsubscribeTokens;
import io.statfeed.interactor.reports.ViewReportSettings;
import io.statfeed.interactor.reports.ViewStars;
import io.statfeed.presenters.mail.ReportMailPresenter;
import io.statfeed.presenters.mail.UnsubscribePresenter;
import io.statfeed.webapp.api.ReportApiRoutes;
import io.statfeed.webapp.pages.ReportRoutes;
import java.net.URI;
import io.statfeed.interactor.accounts.Passwords;
import io.statfeed.interactor.accounts.SignUp;
import io.statfeed.interactor.accounts.SignupLimit;
import io.statfeed.interactor.alerts.AlertFields;
import io.statfeed.interactor.alerts.AlertMessages;
import io.statfeed.interactor.alerts.TestAlert;
import io.statfeed.interactor.alerts.ChangeAlert;
import io.statfeed.interactor.alerts.CreateAlert;
import io.statfeed.interactor.alerts.ListAlerts;
import io.statfeed.interactor.alerts.StatAlerts;
import io.statfeed.interactor.dashboards.AddStatToDashboard;
import io.statfeed.interactor.dashboards.CreateDashboard;
import io.statfeed.interactor.dashboards.DeleteDashboard;
import io.statfeed.interactor.dashboards.ListDashboards;
import io.statfeed.interactor.dashboards.MoveStatOnDashboard;
import io.statfeed.interactor.dashboards.OpenDashboard;
import io.statfeed.interactor.dashboards.RemoveStatFromDashboard;
import io.statfeed.interactor.dashboards.RenameDashboard;
import io.statfeed.interactor.dashboards.ReorderDashboard;
import io.statfeed.interactor.dashboards.ViewDashboard;
import io.statfeed.interactor.export.AccessTokens;
import io.statfeed.interactor.export.DeleteStat;
import io.statfeed.interactor.directory.ApiServersHonour;
import io.statfeed.interactor.export.FindStat;
import io.statfeed.interactor.export.ListStats;
import io.statfeed.interactor.export.ReadStatData;
import io.statfeed.interactor.retention.RetentionHorizons;
import io.statfeed.interactor.session.LogIn;
import io.statfeed.interactor.session.LogOut;
import io.statfeed.interactor.session.ResumeSession;
import io.statfeed.interactor.session.StartSession;
import io.statfeed.interactor.settings.CreateAccessToken;
import io.statfeed.interactor.settings.RevokeAccessToken;
import io.statfeed.interactor.settings.ReplaceKey;
import io.statfeed.interactor.settings.UseEmailAsEzkey;
import io.statfeed.interactor.settings.ViewKeys;
import io.statfeed.interactor.sharing.CreateShareLink;
import io.statfeed.interactor.sharing.MakeStatPublic;
import io.statfeed.interactor.sharing.RevokeShareLink;
import io.statfeed.interactor.stats.CompareStats;
import io.statfeed.interactor.stats.DownloadStatData;
import io.statfeed.interactor.stats.DrawComparison;
import io.statfeed.interactor.stats.DrawEmbeddedGraph;
import io.statfeed.interactor.stats.DrawStatGraph;
import io.statfeed.interactor.stats.GraphDrawing;
import io.statfeed.interactor.stats.SearchStats;
import io.statfeed.interactor.stats.SeriesReader;
import io.statfeed.interactor.stats.StatAccess;
import io.statfeed.interactor.stats.StatAnalyst;
import io.statfeed.interactor.stats.ViewStat;
import io.statfeed.presenters.dashboards.DashboardPresenter;
import io.statfeed.presenters.alerts.AlertPagePresenter;
import io.statfeed.presenters.html.AuthPagePresenter;
import io.statfeed.presenters.html.ErrorPagePresenter;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.json.StatusJson;
import io.statfeed.presenters.settings.SettingsPresenter;
import io.statfeed.presenters.stats.ComparisonPresenter;
import io.statfeed.presenters.stats.StatListPresenter;
import io.statfeed.presenters.stats.StatPagePresenter;
import io.statfeed.webapp.api.AccountRoutes;
import io.statfeed.webapp.api.ApiCallers;
import io.statfeed.webapp.export.AlertExportRoutes;
import io.statfeed.webapp.export.ExportRoutes;
import io.statfeed.webapp.http.ErrorMapping;
import io.statfeed.webapp.http.Requests;
import io.statfeed.webapp.http.Responses;
import io.statfeed.webapp.pages.AlertRoutes;
import io.statfeed.webapp.pages.AuthRoutes;
import io.statfeed.webapp.pages.CompareRoutes;
import io.statfeed.webapp.pages.DashboardRoutes;
import io.statfeed.webapp.pages.EmbedRoutes;
import io.statfeed.webapp.pages.PageSupport;
import io.statfeed.webapp.pages.SettingsRoutes;
import io.statfeed.webapp.pages.SharingRoutes;
import io.statfeed.webapp.pages.StatListRoutes;
import io.statfeed.webapp.pages.StatRoutes;
import io.statfeed.webapp.session.CsrfGuard;
import io.statfeed.webapp.session.SessionCookies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web-app tier: pages, their JSON twins, images, embeds and the StatHat-compatible export
 * API. This class is the one place that builds the tier's object graph (stores, app-server
 * clients, use cases, presenters, routes), with constructors.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String FAVICON = "/static/favicon.svg";
    /**
     * Threads for the reads and analyses of one request that run at the same time (a dashboard's
     * tiles, the slices of a long window), shared by all requests: enough to keep two cores and the
     * database or an analysis replica busy; the requesting thread works on them too.
     */
    static final int PARALLEL_READERS = 4;
    /** At most this many queries at once for one window: more than the cores only queue. */
    static final int MAX_READ_SLICES = Math.min(4, Runtime.getRuntime().availableProcessors());

    private final Javalin app;
    private final List<AutoCloseable> owned;

    private WebServer(Javalin app, List<AutoCloseable> owned) {
        this.app = app;
        this.owned = owned;
    }

    /**
     * Starts serving on {@code settings.webPort()} (0 picks a free port, see {@link #port()}), with
     * the graph and analysis app-servers the settings name (in-process when none are listed).
     */
    public static WebServer start(Settings settings, Database database) {
        AppServices appServices = AppServices.connect(settings.appServers());
        return start(settings, database, Clock.systemUTC(), appServices, List.of(appServices));
    }

    /** For tests and benchmarks: a chosen clock and app-servers, which the caller closes. */
    public static WebServer start(Settings settings, Database database, Clock clock, AppServices appServices) {
        return start(settings, database, clock, appServices, List.of());
    }

    static WebServer start(Settings settings, Database database, Clock clock) {
        AppServices appServices = AppServices.inProcess();
        return start(settings, database, clock, appServices, List.of(appServices));
    }

    private static WebServer start(Settings settings, Database database, Clock clock, AppServices appServices,
                                   List<AutoCloseable> owned) {
        AccountStore accounts = new AccountStore(database);
        StatStore stats = new StatStore(database);
        BucketStore buckets = new BucketStore(database);
        DashboardStore dashboards = new DashboardStore(database);
        SessionStore sessions = new SessionStore(database);
        ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READERS, daemonThreads("statfeed-readers"));
        InParallel inParallel = new InParallel(readers);
        List<AutoCloseable> closing = new ArrayList<>(owned);
        closing.add(readers::shutdownNow);
        Passwords passwords = new Passwords(settings.accounts().passwordHashCost());
        AccessTokens tokens = new AccessTokens(accounts);

        StatAccess access = new StatAccess(stats);
        SeriesReader reader = new SeriesReader(buckets, new RetentionHorizons(settings.retention()), clock, inParallel,
                MAX_READ_SLICES);
        StatAnalyst analyst = new StatAnalyst(reader, appServices.analysis());
        // Graphs only read annotations; the fan-out policy matters to publishing them, wired with the feeds.
        ActivityStore activities = new ActivityStore(database, settings.feeds().policy());
        ApiServersHonour honour = new ApiServersHonour(new DirectoryChanges(database), clock);
        AnnotationStore annotations = new AnnotationStore(database, activities);
        GraphDrawing drawing = new GraphDrawing(reader, annotations, appServices.graph());
        SignUp signUp = new SignUp(accounts, passwords, new SignupLimit(new SignupAttemptStore(database),
                settings.accounts().signupsPerHour(), clock), clock);
        ViewStat viewStat = new ViewStat(access, analyst, buckets, annotations, clock);
        ListDashboards listDashboards = new ListDashboards(dashboards);
        ViewDashboard viewDashboard = new ViewDashboard(dashboards);
        ReorderDashboard reorderDashboard = new ReorderDashboard(dashboards, clock);
        AddStatToDashboard addStatToDashboard = new AddStatToDashboard(dashboards, stats, clock);
        SearchStats searchStats = new SearchStats(stats);
        ViewKeys viewKeys = new ViewKeys(accounts, stats);
        AlertStore alertStore = new AlertStore(database);
        OutboxStore outbox = new OutboxStore(database);
        ListAlerts listAlerts = new ListAlerts(alertStore, outbox, stats);
        AlertFields.WebhookCheck webhooks = url -> WebhookAddresses.requireAllowed(url, settings.webhooks().allowPrivate());
        CreateAlert createAlert = new CreateAlert(alertStore, stats, webhooks, clock);
        PublishActivity publisher = new PublishActivity(activities, accounts, clock);
        ChangeAlert changeAlert = new ChangeAlert(alertStore, listAlerts, webhooks, activities);

        URI webBase = settings.publicUrl().orElse(URI.create("http://localhost:" + settings.webPort()));
        FollowStore follows = new FollowStore(database, settings.feeds().policy());
        ReportSubscriptionStore subscriptions = new ReportSubscriptionStore(database);
        StarStore stars = new StarStore(database);
        UnsubscribeTokens unsubscribeTokens = new UnsubscribeTokens(new InstallationSecretStore(database), clock);
        Templates templates = new Templates();
        MailSender mailSender = MailSenders.from(settings);
        ReportDelivery reportDelivery = new ReportDelivery(new ReportComposer(stars, follows, stats, buckets, alertStore,
                new PeriodSparklines(drawing), unsubscribeTokens, webBase), new ReportMailPresenter(templates),
                mailSender);
        TeamStore team = new TeamStore(database);
        ViewTeam viewTeam = new ViewTeam(team, clock);
        TeamPresenter teamPresenter = new TeamPresenter(templates);
        SendReportNow sendReportNow = new SendReportNow(accounts, subscriptions, reportDelivery, clock);
        ViewStars viewStars = new ViewStars(stars);
        StatPagePresenter statPresenter = new StatPagePresenter(templates);
        ErrorPagePresenter errorPresenter = new ErrorPagePresenter(templates);
        SessionCookies cookies = new SessionCookies(new ResumeSession(sessions, clock), settings.secureCookies(),
                clock);
        TimelineStore timelines = new TimelineStore(database);
        ActivityVisibility visibility = new ActivityVisibility(stats);
        TimelineReader timelineReader = new TimelineReader(activities, follows, timelines, visibility);
        Notifications notifications = new Notifications(timelineReader, new NotificationMarkStore(database), clock);
        FollowTargets followTargets = new FollowTargets(stats, dashboards, accounts);
        DeleteAnnotation deleteAnnotation = new DeleteAnnotation(annotations);
        FeedRoutes.UseCases feedUses = new FeedRoutes.UseCases(new ReadTimeline(timelineReader, followTargets),
                new FollowObject(followTargets, follows, settings.feeds(), clock),
                new AnnotateStat(access, annotations, publisher, clock), deleteAnnotation,
                new DeleteActivity(activities, deleteAnnotation), notifications,
                new AtomFeeds(new FeedTokenStore(database), timelineReader, clock),
                userId -> accounts.findUserById(userId).map(user -> People.displayName(user.email())));
        LiveStream liveStream = new LiveStream(new LiveActivities(activities, timelines, follows, visibility),
                timelineReader, notifications);
        closing.add(liveStream);
        PageSupport pages = new PageSupport(cookies, settings, notifications::unseen);

        List<RouteGroup> routes = List.of(
                new AccountRoutes(signUp)::addTo,
                new ExportRoutes(new ListStats(tokens, stats), new FindStat(tokens, stats),
                        new ReadStatData(tokens, stats, reader, clock), new DeleteStat(tokens, stats, activities, honour, clock))::addTo,
                new AlertExportRoutes(tokens, createAlert, listAlerts, changeAlert)::addTo,
                new AuthRoutes(pages, cookies, signUp, new StartSession(accounts, sessions, clock),
                        new LogIn(accounts, new LoginFailureStore(database), sessions, passwords, clock),
                        new LogOut(sessions), new AuthPagePresenter(templates))::addTo,
                new StatListRoutes(pages, searchStats, viewKeys, viewStars, new StatListPresenter(templates))::addTo,
                new StatRoutes(pages, viewStat, new DrawStatGraph(access, drawing, clock),
                        new DownloadStatData(access, reader, clock), listDashboards, viewStars,
                        new StatAlerts(listAlerts, alertStore), feedUses.follow(), statPresenter)::addTo,
                new CompareRoutes(pages, new CompareStats(access, analyst, clock),
                        new DrawComparison(access, drawing, clock), new ComparisonPresenter(templates))::addTo,
                new SharingRoutes(pages, cookies, new MakeStatPublic(stats), new CreateShareLink(stats),
                        new RevokeShareLink(stats), addStatToDashboard)::addTo,
                new DashboardRoutes(pages, cookies, new DashboardRoutes.UseCases(listDashboards,
                        new CreateDashboard(dashboards, publisher, clock), new OpenDashboard(dashboards, analyst, clock, inParallel),
                        new RenameDashboard(dashboards, clock), new DeleteDashboard(dashboards, activities), addStatToDashboard,
                        new RemoveStatFromDashboard(dashboards, clock),
                        new MoveStatOnDashboard(viewDashboard, reorderDashboard), reorderDashboard, searchStats, feedUses.follow()),
                        new DashboardPresenter(templates))::addTo,
                new SettingsRoutes(pages, cookies, viewKeys, new CreateAccessToken(accounts, clock),
                        new RevokeAccessToken(accounts, clock), new UseEmailAsEzkey(accounts, honour, clock),
                        new ReplaceKey(accounts, team, honour, clock),
                        new ViewReportSettings(subscriptions), viewTeam, new SettingsPresenter(templates))::addTo,
                new TeamRoutes(pages, cookies, new TeamRoutes.UseCases(
                        new InviteMember(team, new InviteMailPresenter(templates), mailSender, clock),
                        new RevokeInvite(team, clock), new ChangeRole(team), new RemoveMember(team),
                        new LeaveAccount(team), new SwitchAccount(team, sessions, clock), new ViewInvite(team, clock),
                        new AcceptInvite(team, clock)), teamPresenter)::addTo,
                new TeamApiRoutes(viewTeam, teamPresenter)::addTo,
                new ReportRoutes(pages, cookies, new StarStat(stars, stats, clock),
                        new ChangeReportSettings(subscriptions, clock), sendReportNow,
                        new UnsubscribeFromReports(unsubscribeTokens, accounts, subscriptions, clock),
                        new UnsubscribePresenter(templates))::addTo,
                new FeedRoutes(pages, cookies, feedUses, liveStream, new FeedPagePresenter(templates), clock)::addTo,
                new FeedApiRoutes(feedUses, new MakeStatPublic(stats), liveStream, pages, clock)::addTo,
                new ReportApiRoutes(new SendReportsToMembers(accounts, sendReportNow))::addTo,
                new EmbedRoutes(pages, new DrawEmbeddedGraph(access, drawing, clock), viewStat, statPresenter)::addTo,
                new AlertRoutes(pages, cookies, new AlertRoutes.UseCases(listAlerts, createAlert, changeAlert,
                        new TestAlert(listAlerts, new AlertMessages(accounts), outbox, clock)),
                        new AlertPagePresenter(templates))::addTo);

        CsrfGuard csrf = new CsrfGuard(cookies);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = Requests.MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Responses.JSON;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            ErrorMapping.configureJetty(config);
            ForwardedClients.configure(config, settings::trustedProxy, AddressBlock::literal);
        });
        app.before(csrf::check);
        new ApiCallers(tokens).addTo(app);
        app.get("/healthz", ctx -> Responses.json(ctx, 200, StatusJson.ok("ok")));
        // Browsers ask for /favicon.ico on anything without an icon link (JSON, images): the same icon.
        app.get("/favicon.ico", ctx -> ctx.redirect(FAVICON, HttpStatus.MOVED_PERMANENTLY));
        routes.forEach(group -> group.addTo(app));
        ErrorMapping.addTo(app, (ctx, status, message) -> errorPresenter.html(status, message,
                pages.chrome(ctx, "error")));

        app.start(settings.webPort());
        log.info("web-app listening on port {}; graphs {}, analysis {}", app.port(),
                appServices.graphIsRemote() ? "over RPC" : "in-process",
                appServices.analysisIsRemote() ? "over RPC" : "in-process");
        return new WebServer(app, closing);
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A part of the site that adds its routes. */
    private interface RouteGroup {
        void addTo(Javalin app);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("web-app stopped");
    }
}
