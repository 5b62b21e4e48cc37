package io.statfeed.core.model.alerts;

import java.util.OptionalDouble;

/** A transition of an alert, or a reminder while it fires ({@code renotify}). */
public record AlertEvent(long id, long alertId, long statId, long atMillis, AlertState state, boolean renotify,
                         OptionalDouble observed, String message) {
}
