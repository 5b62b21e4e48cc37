package io.statfeed.interactor.alerts;

import java.util.OptionalDouble;

/**
 * What one cycle found of an alert's condition. {@code fires}: the condition holds;
 * {@code recovers}: a firing alert may be ok again (with a recovery threshold, further back than
 * "the condition no longer holds"). Not {@code judged} when there was nothing to judge (a value
 * stat without data in the window): the alert stays as it is.
 */
record Judgement(boolean judged, boolean fires, boolean recovers, OptionalDouble observed, String detail) {
    static Judgement notJudged(String why) {
        return new Judgement(false, false, false, OptionalDouble.empty(), why);
    }

    static Judgement of(boolean fires, boolean recovers, double observed, String detail) {
        return new Judgement(true, fires, recovers, Double.isFinite(observed) ? OptionalDouble.of(observed)
                : OptionalDouble.empty(), detail);
    }
}
