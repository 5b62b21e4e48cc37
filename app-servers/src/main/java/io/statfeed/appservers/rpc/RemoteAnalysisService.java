package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.AnalysisService;
import java.io.IOException;

/** Analyses stats on analysis-server replicas over {@code POST /rpc/analysis}. */
public final class RemoteAnalysisService implements AnalysisService {
    private final ReplicaClient client;

    public RemoteAnalysisService(ReplicaClient client) {
        this.client = client;
    }

    @Override
    public Analysis analyze(AnalysisRequest request) {
        byte[] answer = client.post(RpcRoutes.ANALYSIS_PATH, json(request));
        try {
            return WireFormat.MAPPER.readValue(answer, Analysis.class);
        } catch (IOException e) {
            throw new IllegalStateException("an analysis server answered something that is not an analysis", e);
        }
    }

    private static byte[] json(AnalysisRequest request) {
        try {
            return WireFormat.MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an analysis request could not be written as JSON", e);
        }
    }
}
