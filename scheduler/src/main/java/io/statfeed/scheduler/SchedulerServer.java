package io.statfeed.scheduler;

import io.statfeed.appservers.AppServices;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.channels.mail.MailSenders;
import io.statfeed.core.storage.InstallationSecretStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.core.storage.StarStore;
import io.statfeed.interactor.reports.PeriodSparklines;
import io.statfeed.interactor.reports.ReportComposer;
import io.statfeed.interactor.reports.ReportDelivery;
import io.statfeed.interactor.reports.SendReports;
import io.statfeed.interactor.reports.UnsubscribeTokens;
import io.statfeed.presenters.html.Templates;
import io.statfeed.presenters.mail.ReportMailPresenter;
import io.statfeed.scheduler.jobs.SendReportsJob;
import io.statfeed.channels.webhook.WebhookSender;
import io.statfeed.core.config.Settings;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.FollowStore;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.AnnotationStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.storage.StatStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.interactor.accounts.ForgetOldSignupAttempts;
import io.statfeed.interactor.directory.ForgetOldChanges;
import io.statfeed.interactor.alerts.AlertMessages;
import io.statfeed.interactor.alerts.DeliverOutbox;
import io.statfeed.interactor.alerts.EvaluateAlerts;
import io.statfeed.interactor.alerts.LastDayGraphs;
import io.statfeed.interactor.stats.GraphDrawing;
import io.statfeed.interactor.stats.SeriesReader;
import io.statfeed.interactor.retention.ForgetOldBuckets;
import io.statfeed.interactor.retention.RetentionHorizons;
import io.statfeed.interactor.session.ForgetExpiredSessions;
import io.statfeed.scheduler.jobs.DeliverOutboxJob;
import io.statfeed.scheduler.jobs.EvaluateAlertsJob;
import io.statfeed.scheduler.jobs.ForgetExpiredJob;
import java.net.URI;
import io.statfeed.scheduler.jobs.RetentionJob;
import io.statfeed.scheduler.jobs.PublishActivityJob;
import io.statfeed.scheduler.jobs.PublishDailyJob;
import io.statfeed.interactor.feeds.PublishDailyActivity;
import io.statfeed.scheduler.jobs.TrimTimelinesJob;
import io.statfeed.core.storage.ActivitySourceStore;
import io.statfeed.core.storage.ActivityStore;
import io.statfeed.core.storage.TimelineStore;
import io.statfeed.interactor.feeds.PublishActivity;
import io.statfeed.interactor.feeds.PublishActivitySources;
import io.statfeed.interactor.feeds.TrimTimelines;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler tier: Quartz with its JDBC job store in the same database as everything else,
 * clustered, so that any number of scheduler processes share the work. Each job runs on one node
 * at a time; a node that stops checking in is taken over by the others, which run again what it
 * was running (jobs request recovery and are written to be run twice safely). The jobs are given
 * to Quartz ready-made, wired with constructors: Quartz never instantiates one.
 */
public final class SchedulerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerServer.class);
    /** Every process of one Statfeed installation is a node of this one cluster. */
    static final String CLUSTER_NAME = "statfeed";
    /** How often a node tells the others it is alive; one silent for about twice this is taken over. */
    static final Duration CHECK_IN_INTERVAL = Duration.ofSeconds(5);
    /** Work waits at most this long on an idle node before it looks for due triggers again. */
    static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    /** A trigger this late (a whole cluster down) fires once, not once per interval it missed. */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    /** How soon the job store tries again after storage failed it (a Galera failover takes about a second). */
    static final Duration DB_RETRY_INTERVAL = Duration.ofSeconds(1);
    /** A thread per job, so a slow send never holds up an alert cycle. */
    private static final int THREADS = 7;
    /** Ended sessions and old attempts cost nothing but space; a few times an hour is plenty. */
    static final Duration FORGET_EXPIRED_INTERVAL = Duration.ofMinutes(15);
    /**
     * Minute buckets are kept from an hour's edge and hour buckets from a day's, so the horizon
     * moves once an hour: an hourly run deletes one new hour of minutes per stat in small
     * statements, and running more often would mostly find nothing. Reads never depend on it:
     * they take the old part from coarser buckets whether or not the finer ones are gone yet.
     */
    static final Duration RETENTION_INTERVAL = Duration.ofHours(1);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /**
     * Alert cycles run two seconds into each minute: the minute just ended is then in storage (the
     * api-servers flush every second), so a condition is judged within seconds of its minute ending.
     */
    static final int ALERT_CYCLE_SECOND = 2;
    /** The outbox is looked at this often: a transition is told within seconds of being recorded. */
    static final Duration OUTBOX_INTERVAL = Duration.ofSeconds(5);

    /**
     * Reports are looked for this often: one arrives within five minutes of its hour, and a run
     * is a single read of the subscriptions when none is due.
     */
    static final Duration REPORTS_INTERVAL = Duration.ofMinutes(5);

    /** New stats and alert transitions reach the feeds (and open timelines) within seconds. */
    static final Duration PUBLISH_ACTIVITY_INTERVAL = Duration.ofSeconds(2);
    /** Yesterday's summaries go out within the hour after midnight (UTC); later runs find them published. */
    static final Duration PUBLISH_DAILY_INTERVAL = Duration.ofHours(1);
    /** Timelines grow by what is pushed to them; an hourly cap keeps the table bounded. */
    static final Duration TRIM_TIMELINES_INTERVAL = Duration.ofHours(1);

    private static final AtomicLong STARTS = new AtomicLong();

    private final Scheduler quartz;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private SchedulerServer(Scheduler quartz) {
        this.quartz = quartz;
    }

    /** Joins the cluster with Statfeed's jobs, wired here with constructors. */
    public static SchedulerServer start(Settings settings, Database database) {
        return start(settings, database, cycle -> ScheduledJob.everyMinuteAt(ALERT_CYCLE_SECOND, "evaluate-alerts", cycle));
    }

    /** As {@link #start(Settings, Database)}, with the alert cycle on a schedule of the caller's (tests run it every second). */
    static SchedulerServer start(Settings settings, Database database, Function<Job, ScheduledJob> alertCycle) {
        Clock clock = Clock.systemUTC();
        AppServices appServices = AppServices.connect(settings.appServers());
        AlertStore alerts = new AlertStore(database);
        StatStore stats = new StatStore(database);
        BucketStore buckets = new BucketStore(database);
        RetentionHorizons horizons = new RetentionHorizons(settings.retention());
        URI webBase = settings.publicUrl().orElse(URI.create("http://localhost:" + settings.webPort()));
        MailSender mail = MailSenders.from(settings);
        // Mails' graphs only read annotations; the fan-out policy matters to publishing them, wired with the feeds.
        ActivityStore activities = new ActivityStore(database, settings.feeds().policy());
        AnnotationStore annotations = new AnnotationStore(database, activities);
        GraphDrawing drawing = new GraphDrawing(new SeriesReader(buckets, horizons, clock), annotations,
                appServices.graph());
        DeliverOutbox deliver = new DeliverOutbox(new OutboxStore(database), alerts, stats, mail,
                WebhookSender.from(settings.webhooks()),
                new LastDayGraphs(drawing, clock), webBase, clock);
        AccountStore accounts = new AccountStore(database);
        PublishActivity publisher = new PublishActivity(activities, accounts, clock);
        SendReports sendReports = new SendReports(new ReportSubscriptionStore(database), accounts,
                new ReportDelivery(new ReportComposer(new StarStore(database), new FollowStore(database, settings.feeds().policy()), stats, buckets, alerts,
                        new PeriodSparklines(drawing),
                        new UnsubscribeTokens(new InstallationSecretStore(database), clock), webBase),
                        new ReportMailPresenter(new Templates()), mail), clock);
        try {
            SchedulerServer server = start(database, List.of(
                    ScheduledJob.every(FORGET_EXPIRED_INTERVAL, "forget-expired", new ForgetExpiredJob(
                            new ForgetExpiredSessions(new SessionStore(database), new LoginFailureStore(database), clock),
                            new ForgetOldSignupAttempts(new SignupAttemptStore(database), clock),
                            new ForgetOldChanges(new DirectoryChanges(database), clock))),
                    alertCycle.apply(new EvaluateAlertsJob(new EvaluateAlerts(alerts, buckets, appServices.analysis(),
                            new AlertMessages(accounts), clock), deliver)),
                    ScheduledJob.every(OUTBOX_INTERVAL, "deliver-outbox", new DeliverOutboxJob(deliver)),
                    ScheduledJob.every(RETENTION_INTERVAL, "retention", new RetentionJob(
                            new ForgetOldBuckets(buckets, horizons, clock))),
                    ScheduledJob.every(REPORTS_INTERVAL, "send-reports", new SendReportsJob(sendReports)),
                    ScheduledJob.every(PUBLISH_ACTIVITY_INTERVAL, "publish-activity", new PublishActivityJob(
                            new PublishActivitySources(new ActivitySourceStore(database), stats, alerts, publisher, clock))),
                    ScheduledJob.every(PUBLISH_DAILY_INTERVAL, "publish-daily", new PublishDailyJob(
                            new PublishDailyActivity(activities, stats, buckets, publisher, clock))),
                    ScheduledJob.every(TRIM_TIMELINES_INTERVAL, "trim-timelines", new TrimTimelinesJob(
                            new TrimTimelines(new TimelineStore(database), settings.feeds().timelineLength())))));
            server.owned.add(appServices);
            return server;
        } catch (RuntimeException e) {
            appServices.close();
            throw e;
        }
    }

    /**
     * Joins the cluster and starts running the jobs. Each job is stored (once, for the whole
     * cluster) with its trigger the first time any node starts.
     */
    public static SchedulerServer start(Database database, List<ScheduledJob> jobs) {
        // Quartz keeps data sources and schedulers by name for the whole JVM: a name of its own
        // per start, and a scheduler that failed to start shut down, so nothing outlives its start.
        String dataSource = "statfeed-" + STARTS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PooledConnections(database));
        Scheduler quartz = null;
        try {
            quartz = new StdSchedulerFactory(properties(dataSource)).getScheduler();
            Map<Class<? extends Job>, Job> byClass = jobs.stream()
                    .collect(Collectors.toMap(job -> job.job().getClass(), ScheduledJob::job));
            quartz.setJobFactory((bundle, scheduler) -> {
                Job job = byClass.get(bundle.getJobDetail().getJobClass());
                if (job == null) {
                    throw new SchedulerException("no job of this process runs " + bundle.getJobDetail().getKey()
                            + "; a node of another version may have stored it");
                }
                return job;
            });
            for (ScheduledJob job : jobs) {
                store(quartz, job.detail(), job.trigger());
            }
            quartz.start();
            log.info("scheduler node {} joined cluster '{}' running {}", quartz.getSchedulerInstanceId(), CLUSTER_NAME,
                    jobs.stream().map(job -> job.detail().getKey().getName()).collect(Collectors.joining(", ")));
            return new SchedulerServer(quartz);
        } catch (SchedulerException | RuntimeException e) {
            shutDownQuietly(quartz);
            throw new IllegalStateException("the scheduler could not start: " + e.getMessage(), e);
        }
    }

    private static void shutDownQuietly(Scheduler quartz) {
        if (quartz != null) {
            try {
                quartz.shutdown(false);
            } catch (SchedulerException e) {
                log.debug("shutting down a scheduler that failed to start: {}", e.toString());
            }
        }
    }

    /** Stores a job and its trigger unless another node (or an earlier start) has. */
    private static void store(Scheduler quartz, JobDetail detail, Trigger trigger) throws SchedulerException {
        if (quartz.checkExists(detail.getKey()) && quartz.checkExists(trigger.getKey())) {
            return;
        }
        try {
            quartz.scheduleJob(detail, java.util.Set.of(trigger), true);
        } catch (ObjectAlreadyExistsException e) {
            log.debug("another node stored {} first", detail.getKey());
        }
    }

    /** This node's id in the cluster, as Quartz made it. */
    public String nodeId() {
        try {
            return quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops taking work, lets jobs under way finish (for a while), and leaves the cluster. */
    @Override
    public void close() {
        try {
            Thread stopper = new Thread(() -> {
                try {
                    quartz.shutdown(true);
                } catch (SchedulerException e) {
                    log.warn("stopping the scheduler: {}", e.toString());
                }
            }, "statfeed-scheduler-stop");
            stopper.start();
            stopper.join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static Properties properties(String dataSource) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, StdSchedulerFactory.AUTO_GENERATE_INSTANCE_ID);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(IDLE_WAIT.toMillis()));
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "statfeed-scheduler");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", StdJDBCDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECK_IN_INTERVAL.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        // Triggers are taken under the cluster's lock, so two nodes never take the same one.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // When the job store's work fails (the database node died: the pool then connects the next
        // attempt to the next Galera node), it is tried again after this long, not Quartz's 15 s.
        p.setProperty("org.quartz.jobStore.dbRetryInterval", Long.toString(DB_RETRY_INTERVAL.toMillis()));
        return p;
    }

    /** Quartz takes its connections from the process's one pool. */
    private record PooledConnections(Database database) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return database.dataSource().getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the process, which closes it
        }

        @Override
        public void initialize() {
            // the pool is open already
        }
    }
}
