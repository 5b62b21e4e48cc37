package io.statfeed.interactor.alerts;

import io.statfeed.appservers.analysis.UsualBand;
import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.Comparison;
import io.statfeed.core.storage.BucketStore.Sums;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Judges an alert's condition on what its windows hold. Counters compare the window's total (an
 * empty window is 0), value stats its mean (an empty window is not judged, except by a data alert).
 */
final class AlertJudge {
    private AlertJudge() {
    }

    static double measure(boolean counter, Sums sums) {
        if (counter) {
            return sums.total();
        }
        return sums.n() == 0 ? Double.NaN : sums.total() / sums.n();
    }

    static Judgement value(AlertRule rule, boolean counter, Sums now) {
        double observed = measure(counter, now);
        if (Double.isNaN(observed)) {
            return Judgement.notJudged("no data in the window");
        }
        double line = rule.threshold().getAsDouble();
        double back = rule.recoveryThreshold().orElse(line);
        boolean greater = rule.comparison() == Comparison.GREATER;
        boolean fires = greater ? observed > line : observed < line;
        boolean recovers = greater ? observed <= back : observed >= back;
        return Judgement.of(fires, recovers, observed, "is " + plain(observed));
    }

    static Judgement delta(AlertRule rule, boolean counter, Sums now, Sums earlier) {
        double observed = measure(counter, now);
        double before = measure(counter, earlier);
        if (Double.isNaN(observed) || Double.isNaN(before)) {
            return Judgement.notJudged("no data in one of the windows compared");
        }
        if (before == 0) {
            // no percentage of nothing: a stat's first points (or its first since a quiet day) are
            // not a change of any size; a value alert says whether the level itself is a problem
            return Judgement.notJudged("nothing in the earlier window to compare with");
        }
        double changePct = (observed - before) / Math.abs(before) * 100;
        double limit = rule.percentage().getAsDouble();
        boolean fires = switch (rule.comparison()) {
            case GREATER -> changePct > limit;
            case LESS -> changePct < -limit;
            case DIFFERENT -> Math.abs(changePct) > limit;
        };
        String change = (changePct >= 0 ? "+" : "") + plain(changePct) + "%";
        return Judgement.of(fires, !fires, observed, "is " + plain(observed) + " (" + change + " against "
                + plain(before) + ")");
    }

    static Judgement data(Sums now) {
        boolean empty = now.n() == 0;
        return Judgement.of(empty, !empty, now.n(), empty ? "had no data" : "has " + now.n() + " points");
    }

    static Judgement anomaly(AlertRule rule, double observed, UsualBand.Band band) {
        if (!band.known() || Double.isNaN(observed)) {
            return Judgement.notJudged("too little history for a usual band");
        }
        boolean fires = switch (rule.comparison()) {
            case GREATER -> observed > band.high();
            case LESS -> observed < band.low();
            case DIFFERENT -> band.outside();
        };
        return Judgement.of(fires, !fires, observed, "is " + plain(observed) + " (usually " + plain(band.low())
                + " to " + plain(band.high()) + ")");
    }

    /** Up to six significant digits, no trailing zeros: 153, 0.25, 1234570. */
    static String plain(double number) {
        return new BigDecimal(number).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
