package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.appservers.graph.LineThinning;

/** Draws graphs on graph-server replicas over {@code POST /rpc/graph}. A bad request is refused before it is sent. */
public final class RemoteGraphService implements GraphService {
    private final ReplicaClient client;

    public RemoteGraphService(ReplicaClient client) {
        this.client = client;
    }

    /** Sends only the points that can reach the pixels ({@link LineThinning}): the same image, less to carry. */
    @Override
    public GraphImage render(GraphRequest request) {
        GraphRequest drawable = LineThinning.thinnedForDrawing(request);
        return new GraphImage(drawable.format(), client.post(RpcRoutes.GRAPH_PATH, json(drawable)));
    }

    private static byte[] json(GraphRequest request) {
        try {
            return WireFormat.MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a graph request could not be written as JSON", e);
        }
    }
}
