package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.appservers.analysis.AnalysisRequest;
import io.statfeed.appservers.analysis.AnalysisService;
import io.statfeed.appservers.analysis.UsualBand;
import java.io.IOException;
import java.util.List;

/** Analyses stats on analysis-server replicas over {@code POST /rpc/analysis} and {@code /rpc/bands}. */
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

    @Override
    public List<UsualBand.Band> expect(List<UsualBand.Question> questions) {
        byte[] answer = client.post(RpcRoutes.BANDS_PATH, json(questions));
        try {
            return List.of(WireFormat.MAPPER.readValue(answer, UsualBand.Band[].class));
        } catch (IOException e) {
            throw new IllegalStateException("an analysis server answered something that is not a list of bands", e);
        }
    }

    private static byte[] json(Object request) {
        try {
            return WireFormat.MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request to an analysis server could not be written as JSON", e);
        }
    }
}
