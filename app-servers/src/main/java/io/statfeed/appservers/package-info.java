/**
 * The app-servers: work too heavy for a web request thread, done behind an interface that runs
 * in-process (the one-command default) or over JSON/HTTP RPC on replicas.
 * <ul>
 *   <li>{@link io.statfeed.appservers.graph.GraphService}: XChart to PNG and SVG.</li>
 *   <li>{@link io.statfeed.appservers.analysis.AnalysisService}: summaries, change, trend,
 *       percentiles, anomalies and a short forecast.</li>
 * </ul>
 * Requests carry the numbers themselves, so an app-server needs no storage of its own.
 */
package io.statfeed.appservers;
