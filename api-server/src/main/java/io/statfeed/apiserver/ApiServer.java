package io.statfeed.apiserver;

import io.javalin.Javalin;
import io.statfeed.apiserver.directory.AccountDirectory;
import io.statfeed.apiserver.directory.DirectoryChangeTail;
import io.statfeed.apiserver.directory.StatDirectory;
import io.statfeed.apiserver.directory.UnknownKeyLimit;
import io.statfeed.apiserver.http.Answers;
import io.statfeed.apiserver.http.ErrorAnswers;
import io.statfeed.apiserver.http.IngestRoutes;
import io.statfeed.apiserver.ingest.IngestPipeline;
import io.statfeed.apiserver.ingest.Ingestor;
import io.statfeed.apiserver.monitor.SelfMonitor;
import io.statfeed.apiserver.monitor.SystemAccounts;
import io.statfeed.core.model.Account;
import io.statfeed.core.config.AddressBlock;
import io.statfeed.core.config.Settings;
import io.statfeed.http.JsonErrorHandler;
import io.statfeed.http.ForwardedClients;
import io.statfeed.http.SlowClients;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.AllowanceStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.DirectoryChanges;
import io.statfeed.core.storage.JournalLeaseStore;
import io.statfeed.core.storage.StatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api-server tier: wires storage, the ingest pipeline and the HTTP routes, and starts
 * listening only once the journal has been replayed (so /healthz means ready).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(5);
    private static final String JOURNAL_DIR = "journal";

    private final Javalin app;
    private final IngestPipeline pipeline;
    private final DirectoryChangeTail changeTail;
    private final SelfMonitor monitor;
    private final ExecutorService refresher;

    private ApiServer(Javalin app, IngestPipeline pipeline, DirectoryChangeTail changeTail, SelfMonitor monitor,
                      ExecutorService refresher) {
        this.app = app;
        this.pipeline = pipeline;
        this.changeTail = changeTail;
        this.monitor = monitor;
        this.refresher = refresher;
    }

    public static ApiServer start(Settings settings, Database database) {
        return start(settings, database, List.of());
    }

    /**
     * Starts an api-server that first writes to storage what the journals of api-servers gone
     * for good hold ({@code adopt}: their data folders or journal folders), then takes data.
     */
    public static ApiServer start(Settings settings, Database database, List<Path> adopt) {
        Clock clock = Clock.systemUTC();
        SelfMonitor monitor = new SelfMonitor(clock);
        UnknownKeyLimit unknownKeyLimit = new UnknownKeyLimit();
        ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-directory-refresher");
            thread.setDaemon(true);
            return thread;
        });
        StatDirectory stats = new StatDirectory(new StatStore(database), new AllowanceStore(database), clock,
                settings.ingest().newStatsPerMinute(), unknownKeyLimit, refresher);
        BucketStore buckets = new BucketStore(database);
        JournalLeaseStore leases = new JournalLeaseStore(database);
        IngestPipeline pipeline;
        try {
            pipeline = IngestPipeline.start(settings.dataDir().resolve(JOURNAL_DIR), buckets, leases, clock,
                    settings.ingest(), monitor);
        } catch (RuntimeException e) {
            refresher.shutdownNow();
            throw e;
        }
        DirectoryChangeTail changeTail = null;
        try {
            for (Path folder : adopt) {
                IngestPipeline.adopt(journalOf(folder), pipeline.nodeId(), buckets, leases, clock);
            }
            AccountStore accountStore = new AccountStore(database);
            AccountDirectory accounts = new AccountDirectory(accountStore, unknownKeyLimit, refresher);
            changeTail = new DirectoryChangeTail(new DirectoryChanges(database), accounts, stats, pipeline.nodeId(),
                    clock).start();
            Ingestor ingestor = new Ingestor(accounts, stats, pipeline, clock);
            Account system = SystemAccounts.ensure(accountStore, settings.dataDir(), clock);
            monitor.startReporting(system, stats, pipeline, settings.ingest().selfReportInterval());

            Answers answers = new Answers(monitor);
            Javalin app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.http.maxRequestSize = IngestRoutes.MAX_BODY_BYTES;
                config.jetty.modifyServer(server -> {
                    server.setErrorHandler(new JsonErrorHandler(Answers.JSON, Answers::errorBody));
                    // On stop, requests in flight get their answers: their points are journaled
                    // already, and a client cut off would send them again.
                    server.setStopTimeout(GRACEFUL_STOP.toMillis());
                });
                SlowClients.configure(config);
                ForwardedClients.configure(config, settings::trustedProxy, AddressBlock::literal);
            });
            ErrorAnswers.register(app, answers);
            Cors.register(app);
            new IngestRoutes(ingestor, answers).register(app);
            app.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":200,\"msg\":\"ok\"}"));
            app.start(settings.apiPort());
            log.info("api-server listening on port {} (journal node {})", app.port(), pipeline.nodeId());
            return new ApiServer(app, pipeline, changeTail, monitor, refresher);
        } catch (RuntimeException e) {
            if (changeTail != null) {
                changeTail.close();
            }
            monitor.close();
            pipeline.close();
            refresher.shutdownNow();
            throw e;
        }
    }

    /** A data folder's journal, or the journal folder itself. */
    private static Path journalOf(Path folder) {
        Path journal = folder.resolve(JOURNAL_DIR);
        return Files.isDirectory(journal) ? journal : folder;
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests, then writes everything taken to storage. */
    @Override
    public void close() {
        app.stop();
        changeTail.close();
        monitor.close();
        pipeline.close();
        refresher.shutdownNow();
    }
}
