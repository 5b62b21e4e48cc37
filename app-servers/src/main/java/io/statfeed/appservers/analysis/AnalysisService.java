package io.statfeed.appservers.analysis;

/** Analyses a stat's intervals. Implemented in-process and over RPC by a replica client. */
public interface AnalysisService {
    Analysis analyze(AnalysisRequest request);
}
