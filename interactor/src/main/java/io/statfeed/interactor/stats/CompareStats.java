package io.statfeed.interactor.stats;

import io.statfeed.appservers.analysis.Analysis;
import io.statfeed.core.model.Stat;
import io.statfeed.interactor.Visitor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Someone lays several stats over each other in one window, each with its summary. */
public final class CompareStats {
    public static final int MAX_STATS = ComparedStats.MAX_STATS;

    public record Compared(Stat stat, List<Point> points, Analysis.Summary summary) {
        public Compared {
            points = List.copyOf(points);
        }
    }

    public record Comparison(Window window, List<Compared> stats) {
        public Comparison {
            stats = List.copyOf(stats);
        }
    }

    private final StatAccess access;
    private final StatAnalyst analyst;
    private final Clock clock;

    public CompareStats(StatAccess access, StatAnalyst analyst, Clock clock) {
        this.access = access;
        this.analyst = analyst;
        this.clock = clock;
    }

    public Comparison compare(Optional<Visitor> visitor, List<String> ids, String frame) {
        ComparedStats.Chosen chosen = ComparedStats.choose(access, visitor, ids, frame, clock.instant().getEpochSecond());
        List<Compared> compared = new ArrayList<>();
        for (Stat stat : chosen.stats()) {
            StatAnalyst.Analysed analysed = analyst.analyse(stat, chosen.window());
            compared.add(new Compared(stat, analysed.current().points(), analysed.analysis().summary()));
        }
        return new Comparison(chosen.window(), compared);
    }
}
