package io.statfeed.appservers;

import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.StatAnalyzer;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.appservers.graph.XChartGraphService;
import io.statfeed.appservers.rpc.RemoteAnalysisService;
import io.statfeed.appservers.rpc.RemoteGraphService;
import io.statfeed.appservers.rpc.ReplicaClient;
import io.statfeed.core.config.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph and analysis services as the web-app and the jobs use them: in-process when no
 * replicas are configured (the one-command default), over RPC to the replicas otherwise. Each
 * service is chosen on its own, so graphs may run remotely while analysis stays in-process.
 * Close it on shutdown.
 */
public final class AppServices implements AutoCloseable {
    private final GraphService graph;
    private final AnalysisService analysis;
    private final List<ReplicaClient> clients;

    private AppServices(GraphService graph, AnalysisService analysis, List<ReplicaClient> clients) {
        this.graph = graph;
        this.analysis = analysis;
        this.clients = List.copyOf(clients);
    }

    /** The services the settings ask for: remote where replicas are listed, in-process where not. */
    public static AppServices connect(Settings.AppServers settings) {
        List<ReplicaClient> clients = new ArrayList<>();
        GraphService graph = new XChartGraphService();
        if (!settings.graphServers().isEmpty()) {
            ReplicaClient client = new ReplicaClient("graph", settings.graphServers(), settings.rpcTimeout());
            clients.add(client);
            graph = new RemoteGraphService(client);
        }
        AnalysisService analysis = new StatAnalyzer();
        if (!settings.analysisServers().isEmpty()) {
            ReplicaClient client = new ReplicaClient("analysis", settings.analysisServers(), settings.rpcTimeout());
            clients.add(client);
            analysis = new RemoteAnalysisService(client);
        }
        return new AppServices(graph, analysis, clients);
    }

    /** Both services in this process. */
    public static AppServices inProcess() {
        return new AppServices(new XChartGraphService(), new StatAnalyzer(), List.of());
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
        clients.forEach(ReplicaClient::close);
    }
}
