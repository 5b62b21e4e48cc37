package io.statfeed.interactor.accounts;

import io.statfeed.core.storage.SignupAttemptStore;
import io.statfeed.interactor.RecentAttempts;
import io.statfeed.interactor.TooManyAttemptsException;
import java.time.Clock;
import java.time.Duration;

/**
 * How many sign-ups one client address may make within {@link #WINDOW}: each costs a deliberately
 * slow password hash, so without a limit a handful of clients keep every core busy. Attempts are
 * counted in storage, so every web-app process sees the same ones.
 */
public final class SignupLimit {
    public static final Duration WINDOW = Duration.ofHours(1);

    private final SignupAttemptStore attempts;
    private final int perWindow;
    private final Clock clock;

    public SignupLimit(SignupAttemptStore attempts, int perWindow, Clock clock) {
        this.attempts = attempts;
        this.perWindow = perWindow;
        this.clock = clock;
    }

    /**
     * Counts a sign-up from the address, or refuses it when the address has made as many as it
     * may lately. Counted before the caller's work, so that attempts sent at once see each other.
     *
     * @throws TooManyAttemptsException naming how long to wait
     */
    void admit(String clientAddress) {
        String client = RecentAttempts.client(clientAddress);
        long now = clock.millis();
        long attempt = attempts.record(client, now);
        long since = now - WINDOW.toMillis() + 1;
        if (attempts.countByClient(client, since) <= perWindow) {
            return;
        }
        attempts.forget(attempt); // a refused attempt must not make the wait longer
        throw new TooManyAttemptsException("sign-ups from this address",
                RecentAttempts.waitUntil(attempts.nthNewestByClient(client, since, perWindow), WINDOW, now));
    }
}
