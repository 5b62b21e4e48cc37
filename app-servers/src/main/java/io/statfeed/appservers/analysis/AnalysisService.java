package io.statfeed.appservers.analysis;

import java.util.List;

/** Analyses stats. Implemented in-process and over RPC by a replica client. */
public interface AnalysisService {
    Analysis analyze(AnalysisRequest request);

    /**
     * The usual band of each window asked about, in the order asked: one call for a whole alert
     * cycle. Computed where it is asked unless the implementation is another process's.
     */
    default List<UsualBand.Band> expect(List<UsualBand.Question> questions) {
        return questions.stream().map(UsualBand::of).toList();
    }
}
