package io.statfeed.interactor;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** What limits on recent attempts (log-ins, sign-ups) share: how clients are named, how long to wait. */
public final class RecentAttempts {
    /** Recorded for a caller that could not say where the request came from. */
    public static final String UNKNOWN_CLIENT = "unknown";
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private RecentAttempts() {
    }

    /** The client's address as attempts are counted under: trimmed, in lower case, or "unknown". */
    public static String client(String clientAddress) {
        // Lower case: the same IPv6 address may come spelt either way, and the backends compare case differently.
        return clientAddress == null || clientAddress.isBlank() ? UNKNOWN_CLIENT
                : clientAddress.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Once the attempt that fills the limit leaves the window, the next one is allowed: the time
     * until then in whole seconds, at least one.
     */
    public static Duration waitUntil(Optional<Long> limitingAttemptMillis, Duration window, long nowMillis) {
        return limitingAttemptMillis
                .map(at -> Duration.ofMillis(at + window.toMillis() - nowMillis))
                .map(wait -> Duration.ofSeconds(wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0)))
                .filter(wait -> wait.compareTo(MIN_WAIT) >= 0)
                .orElse(MIN_WAIT);
    }

    public static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
