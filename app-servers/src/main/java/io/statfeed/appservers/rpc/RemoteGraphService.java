package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.statfeed.appservers.graph.GraphImage;
import io.statfeed.appservers.graph.GraphRequest;
import io.statfeed.appservers.graph.GraphService;
import io.statfeed.core.model.InvalidInputException;

/** Draws graphs on graph-server replicas over {@code POST /rpc/graph}. */
public final class RemoteGraphService implements GraphService {
    private final ReplicaClient client;

    public RemoteGraphService(ReplicaClient client) {
        this.client = client;
    }

    @Override
    public GraphImage render(GraphRequest request) {
        if (request == null || request.format() == null) {
            throw new InvalidInputException("format is required (png or svg)");
        }
        return new GraphImage(request.format(), client.post(RpcRoutes.GRAPH_PATH, json(request)));
    }

    private static byte[] json(GraphRequest request) {
        try {
            return WireFormat.MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a graph request could not be written as JSON", e);
        }
    }
}
