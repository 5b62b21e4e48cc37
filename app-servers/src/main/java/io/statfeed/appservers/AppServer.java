package io.statfeed.appservers;

import io.javalin.Javalin;
import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.StatAnalyzer;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.appservers.graph.XChartGraphService;
import io.statfeed.appservers.rpc.RpcRoutes;
import io.statfeed.appservers.rpc.WireFormat;
import io.statfeed.http.JsonErrorHandler;
import io.statfeed.http.SlowClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app-server process (or an in-process one in tests): the graph and/or analysis service
 * behind the RPC routes of {@link RpcRoutes}. It needs no storage: requests carry their numbers.
 */
public final class AppServer implements AutoCloseable {
    /** A week of minute points is about 300 KB of JSON per line; this leaves room for big overlays. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;
    /** What {@link #main} prints once it listens, followed by the port: a parent process reads it. */
    public static final String READY_LINE = "statfeed app-server listening on port ";
    private static final Logger log = LoggerFactory.getLogger(AppServer.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(2);
    private static final int USAGE_EXIT = 2;

    private final Javalin app;
    private final List<AutoCloseable> owned;

    private AppServer(Javalin app, List<AutoCloseable> owned) {
        this.app = app;
        this.owned = List.copyOf(owned);
    }

    /** A graph server on {@code port} (0 for any free port). */
    public static AppServer startGraph(int port) {
        List<AutoCloseable> owned = new ArrayList<>();
        return start(port, Optional.of(AppServices.stripedGraphs(owned)), Optional.empty(), owned);
    }

    /** An analysis server on {@code port} (0 for any free port). */
    public static AppServer startAnalysis(int port) {
        return start(port, Optional.empty(), Optional.of(new StatAnalyzer()));
    }

    /** A server for the given services on {@code port} (0 for any free port). */
    public static AppServer start(int port, Optional<GraphService> graph, Optional<AnalysisService> analysis) {
        return start(port, graph, analysis, List.of());
    }

    private static AppServer start(int port, Optional<GraphService> graph, Optional<AnalysisService> analysis,
                                   List<AutoCloseable> owned) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler(WireFormat.JSON, WireFormat::error));
                server.setStopTimeout(GRACEFUL_STOP.toMillis());
            });
            SlowClients.configure(config);
        });
        new RpcRoutes(graph, analysis, MAX_REQUEST_BYTES).register(app);
        app.start(port);
        List<String> serves = new ArrayList<>();
        graph.ifPresent(g -> serves.add("graph"));
        analysis.ifPresent(a -> serves.add("analysis"));
        log.info("app-server ({}) listening on port {}", String.join(" and ", serves), app.port());
        return new AppServer(app, owned);
    }

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
                log.warn("closing {}: {}", resource, e.toString());
            }
        }
    }

    /**
     * Runs one app-server until the process is stopped: {@code graph|analysis [port]}, port 0 or
     * absent for any free one. Prints {@link #READY_LINE} and the port on stdout once listening.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || !List.of("graph", "analysis").contains(args[0].toLowerCase(Locale.ROOT))) {
            System.err.println("usage: AppServer graph|analysis [port]");
            System.exit(USAGE_EXIT);
            return;
        }
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
        AppServer server = "graph".equalsIgnoreCase(args[0]) ? startGraph(port) : startAnalysis(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "app-server-shutdown"));
        System.out.println(READY_LINE + server.port());
        System.out.flush();
    }
}
