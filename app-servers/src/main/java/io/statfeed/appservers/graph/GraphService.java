package io.statfeed.appservers.graph;

/** Draws graphs. Implemented in-process by the XChart renderer and over RPC by a replica client. */
public interface GraphService {
    GraphImage render(GraphRequest request);
}
