package io.statfeed.interactor.accounts;

import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Secrets;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.interactor.ConflictException;
import java.time.Clock;

/** A person signs up: a user, an account of their own, its keys, and a first access token. */
public final class SignUp {
    static final String FIRST_TOKEN_NAME = "default";

    /** What a new user needs to start sending and reading stats. */
    public record SignedUp(long accountId, String email, String ezkey, String ukey, String accessToken) {
        @Override
        public String toString() {
            return "SignedUp[accountId=" + accountId + ", email=" + email + "]"; // keys stay out of logs
        }
    }

    private final AccountStore accounts;
    private final Passwords passwords;
    private final SignupLimit limit;
    private final Clock clock;

    public SignUp(AccountStore accounts, Passwords passwords, SignupLimit limit, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * A sign-up from a client at {@code clientAddress}, within that address's limit.
     *
     * @throws io.statfeed.interactor.TooManyAttemptsException when the address signed up too often lately
     */
    public SignedUp signUp(String email, String password, String clientAddress) {
        EmailAddresses.normalised(email); // a malformed request is refused before it counts
        Passwords.check(password);
        limit.admit(clientAddress);
        return signUp(email, password);
    }

    /** A sign-up Statfeed makes itself (the demo account, tools): no client, so no limit. */
    public SignedUp signUp(String email, String password) {
        String address = EmailAddresses.normalised(email);
        String passwordHash = passwords.hash(password);
        AccountStore.NewSignup signup = new AccountStore.NewSignup(Ids.next(), address, passwordHash, Ids.next(),
                Secrets.newKey(Secrets.EZKEY_BYTES), Secrets.newKey(Secrets.UKEY_BYTES), Ids.next(),
                FIRST_TOKEN_NAME, Secrets.newKey(Secrets.ACCESS_TOKEN_BYTES), clock.millis());
        try {
            accounts.create(signup);
        } catch (AccountStore.EmailTakenException e) {
            throw new ConflictException("an account with email " + address + " exists already", e);
        }
        return new SignedUp(signup.accountId(), address, signup.ezkey(), signup.ukey(), signup.accessToken());
    }
}
