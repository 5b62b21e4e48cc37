package io.statfeed.appservers;

import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.StatAnalyzer;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.appservers.graph.XChartGraphService;
import io.statfeed.appservers.rpc.RemoteAnalysisService;
import io.statfeed.appservers.rpc.RemoteGraphService;
import io.statfeed.appservers.rpc.ReplicaClient;
import io.statfeed.core.concurrent.InParallel;
import io.statfeed.core.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph and analysis services as the web-app and the jobs use them: in-process when no
 * replicas are configured (the one-command default), over RPC to the replicas otherwise. Each
 * service is chosen on its own, so graphs may run remotely while analysis stays in-process.
 * Close it on shutdown.
 */
public final class AppServices implements AutoCloseable {
    /** Stripes of one graph painted at once (see {@link XChartGraphService}): one per core, at most four. */
    static final int GRAPH_STRIPES = Math.min(4, Runtime.getRuntime().availableProcessors());

    private static final Logger log = LoggerFactory.getLogger(AppServices.class);

    private final GraphService graph;
    private final AnalysisService analysis;
    private final List<AutoCloseable> owned;

    private AppServices(GraphService graph, AnalysisService analysis, List<AutoCloseable> owned) {
        this.graph = graph;
        this.analysis = analysis;
        this.owned = List.copyOf(owned);
    }

    /** The services the settings ask for: remote where replicas are listed, in-process where not. */
    public static AppServices connect(Settings.AppServers settings) {
        List<AutoCloseable> owned = new ArrayList<>();
        GraphService graph;
        if (settings.graphServers().isEmpty()) {
            graph = stripedGraphs(owned);
        } else {
            ReplicaClient client = new ReplicaClient("graph", settings.graphServers(), settings.rpcTimeout());
            owned.add(client);
            graph = new RemoteGraphService(client);
        }
        AnalysisService analysis = new StatAnalyzer();
        if (!settings.analysisServers().isEmpty()) {
            ReplicaClient client = new ReplicaClient("analysis", settings.analysisServers(), settings.rpcTimeout());
            owned.add(client);
            analysis = new RemoteAnalysisService(client);
        }
        return new AppServices(graph, analysis, owned);
    }

    /** Both services in this process. */
    public static AppServices inProcess() {
        List<AutoCloseable> owned = new ArrayList<>();
        return new AppServices(stripedGraphs(owned), new StatAnalyzer(), owned);
    }

    /** Graphs drawn in this process, wide ones in stripes on threads of their own (added to {@code owned}). */
    static XChartGraphService stripedGraphs(List<AutoCloseable> owned) {
        ExecutorService painters = Executors.newFixedThreadPool(GRAPH_STRIPES, runnable -> {
            Thread thread = new Thread(runnable, "statfeed-graph-painter");
            thread.setDaemon(true);
            return thread;
        });
        owned.add(painters::shutdownNow);
        return new XChartGraphService(new InParallel(painters), GRAPH_STRIPES);
    }

    public GraphService graph() {
        return graph;
    }

    public AnalysisService analysis() {
        return analysis;
    }

    /** Whether graphs are drawn by other processes. */
    public boolean graphIsRemote() {
        return graph instanceof RemoteGraphService;
    }

    /** Whether analyses run in other processes. */
    public boolean analysisIsRemote() {
        return analysis instanceof RemoteAnalysisService;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", resource, e.toString());
            }
        }
    }
}
