package io.statfeed.interactor.session;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.User;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.LoginFailureStore;
import io.statfeed.core.storage.SessionStore;
import io.statfeed.interactor.RecentAttempts;
import io.statfeed.interactor.TooManyAttemptsException;
import io.statfeed.interactor.UnauthorizedException;
import io.statfeed.interactor.accounts.Passwords;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A person logs in with email and password and gets a new session. Password guessing is slowed
 * down: after {@link #MAX_FAILURES_PER_EMAIL} failures for an email, or
 * {@link #MAX_FAILURES_PER_CLIENT} from one client address, within {@link #FAILURE_WINDOW}, further
 * attempts are refused until the window lets the oldest of them go.
 */
public final class LogIn {
    public static final int MAX_FAILURES_PER_EMAIL = 5;
    /** Higher than per email: several people may share an address (an office behind one NAT). */
    public static final int MAX_FAILURES_PER_CLIENT = 20;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final String WRONG_CREDENTIALS = "email or password is wrong";

    private final AccountStore accounts;
    private final LoginFailureStore failures;
    private final SessionStore sessions;
    private final Passwords passwords;
    private final Clock clock;

    public LogIn(AccountStore accounts, LoginFailureStore failures, SessionStore sessions, Passwords passwords,
                 Clock clock) {
        this.accounts = accounts;
        this.failures = failures;
        this.sessions = sessions;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * @param clientAddress the address the request came from (as the web app trusts it, proxies considered)
     * @throws UnauthorizedException for a wrong email or password alike, so that nobody learns which emails exist
     * @throws TooManyAttemptsException when the email or the client failed too often lately
     */
    public NewSession logIn(String email, String password, String clientAddress) {
        String address = emailOf(email);
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password is missing");
        }
        String client = RecentAttempts.client(clientAddress);
        long now = clock.millis();
        // Counted as a failure before the (slow) password check, so that guesses sent in parallel see each other.
        long attempt = failures.record(address, client, now);
        refuseIfTooManyFailures(address, client, attempt, now);
        Optional<User> user = address.length() <= LoginFailureStore.MAX_EMAIL_LENGTH
                ? accounts.findUserByEmail(address)
                : Optional.empty(); // longer than any stored email: no user, but the same bcrypt check below
        if (!passwords.verify(password, user.map(User::passwordHash))) {
            throw new UnauthorizedException(WRONG_CREDENTIALS);
        }
        failures.clearEmail(address); // this attempt's record included
        return Sessions.start(sessions, user.get().id(), user.get().accountId(), now);
    }

    private void refuseIfTooManyFailures(String email, String client, long attempt, long now) {
        long since = now - FAILURE_WINDOW.toMillis() + 1; // failures less than a window ago
        boolean emailBlocked = failures.countByEmail(email, since) > MAX_FAILURES_PER_EMAIL;
        boolean clientBlocked = failures.countByClient(client, since) > MAX_FAILURES_PER_CLIENT;
        if (!emailBlocked && !clientBlocked) {
            return;
        }
        failures.forget(attempt); // a refused attempt was no guess, and must not make the wait longer
        Duration wait = Duration.ZERO;
        if (emailBlocked) {
            wait = RecentAttempts.longer(wait, RecentAttempts.waitUntil(
                    failures.nthNewestByEmail(email, since, MAX_FAILURES_PER_EMAIL), FAILURE_WINDOW, now));
        }
        if (clientBlocked) {
            wait = RecentAttempts.longer(wait, RecentAttempts.waitUntil(
                    failures.nthNewestByClient(client, since, MAX_FAILURES_PER_CLIENT), FAILURE_WINDOW, now));
        }
        throw new TooManyAttemptsException("failed log-ins", wait);
    }

    /** Lower case and trimmed, as sign-up stores it; any text is accepted, as a wrong one fails like a wrong password. */
    private static String emailOf(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("email is missing");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

}
