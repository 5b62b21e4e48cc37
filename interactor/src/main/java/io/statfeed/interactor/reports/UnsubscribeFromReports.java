package io.statfeed.interactor.reports;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.User;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import java.time.Clock;

/**
 * A report's unsubscribe link, followed without logging in: the signed token says whose reports
 * to stop. Stopping sets the frequency to off (the other settings are kept for opting in again);
 * doing it twice is no error.
 */
public final class UnsubscribeFromReports {
    static final String BAD_TOKEN = "this unsubscribe link is not valid (it may have been cut short); "
            + "use the link of a recent report, or turn reports off in Settings";

    private final UnsubscribeTokens tokens;
    private final AccountStore accounts;
    private final ReportSubscriptionStore subscriptions;
    private final Clock clock;

    public UnsubscribeFromReports(UnsubscribeTokens tokens, AccountStore accounts,
                                  ReportSubscriptionStore subscriptions, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** Whose reports a link would stop, and whether they still get any. */
    public record Subscriber(String email, boolean subscribed) {
    }

    /** For the confirmation page: who the link is for; a forged or broken token is refused. */
    public Subscriber check(String token) {
        User user = userOf(token);
        return new Subscriber(user.email(), subscriptions.find(user.id()).subscribed());
    }

    /** Stops the reports of the token's person. */
    public Subscriber unsubscribe(String token) {
        User user = userOf(token);
        subscriptions.turnOff(user.id(), clock.millis());
        return new Subscriber(user.email(), false);
    }

    private User userOf(String token) {
        return tokens.userOf(token).stream().boxed().findFirst().flatMap(accounts::findUserById)
                .orElseThrow(() -> new InvalidInputException(BAD_TOKEN));
    }
}
