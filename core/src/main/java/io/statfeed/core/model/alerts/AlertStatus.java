package io.statfeed.core.model.alerts;

import java.util.OptionalDouble;

/**
 * Where the evaluator left an alert. {@code version} grows with every transition; a transition is
 * recorded only if the version is still the one it was decided on, so two evaluators that both
 * decide the same transition record (and tell) it once.
 */
public record AlertStatus(AlertState state, long sinceMillis, long version, OptionalDouble lastValue,
                          long lastEvaluatedAtMillis, long lastNotifiedAtMillis) {
    public static AlertStatus newAt(long nowMillis) {
        return new AlertStatus(AlertState.OK, nowMillis, 0, OptionalDouble.empty(), 0, 0);
    }
}
