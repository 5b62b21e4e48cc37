/**
 * RPC application servers (graph rendering with XChart, analysis) and the clients the interactor
 * calls them through. Nothing lives here yet: the export API of the first release reads stored
 * buckets directly, which the interactor does over storage; graphs and analysis arrive with the
 * web pages.
 */
package io.statfeed.appservers;
