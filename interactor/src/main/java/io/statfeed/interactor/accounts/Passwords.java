package io.statfeed.interactor.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Password rules and bcrypt hashing, shared by signing up and logging in. */
public final class Passwords {
    public static final int MIN_CHARACTERS = 8;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently cut, so they are refused. */
    public static final int MAX_UTF8_BYTES = 72;

    /** Checked instead of a missing or overlong password, so that those cost as much time as any other. */
    private static final String UNUSABLE_PASSWORD = "not a password";
    private static final int DUMMY_SECRET_BYTES = 32;

    private final int cost;
    private volatile String dummyHash;

    /** @param cost bcrypt cost (log2 of the rounds), see {@code Settings.Accounts.passwordHashCost()} */
    public Passwords(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + BCrypt.MIN_COST + " and "
                    + BCrypt.MAX_COST + ", got " + cost);
        }
        this.cost = cost;
    }

    /** Checks the password against the rules and returns its bcrypt hash. */
    public String hash(String password) {
        check(password);
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return verify(password, Optional.of(hash));
    }

    /**
     * Whether the password matches the hash. Spends one bcrypt check whatever it is given (no
     * hash for an unknown user, a missing or overlong password), so the time taken does not tell
     * which emails have an account.
     */
    public boolean verify(String password, Optional<String> hash) {
        boolean usable = password != null && !password.isEmpty()
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
        char[] candidate = usable ? password.toCharArray() : UNUSABLE_PASSWORD.toCharArray();
        boolean verified = BCrypt.verifyer().verify(candidate, hash.orElseGet(this::dummyHash)).verified;
        return usable && hash.isPresent() && verified;
    }

    /** A hash of the configured cost that no password given to {@link #verify} is checked against successfully. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) { // computed once, lazily: a process that never logs anyone in never pays for it
            hash = BCrypt.withDefaults().hashToString(cost, Secrets.newKey(DUMMY_SECRET_BYTES).toCharArray());
            dummyHash = hash;
        }
        return hash;
    }

    static void check(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password is missing");
        }
        int characters = password.codePointCount(0, password.length());
        if (characters < MIN_CHARACTERS) {
            throw new InvalidInputException("password must be at least " + MIN_CHARACTERS + " characters long, got "
                    + characters);
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UTF8_BYTES) {
            throw new InvalidInputException("password must be at most " + MAX_UTF8_BYTES + " bytes in UTF-8 (bcrypt's"
                    + " limit), got " + bytes);
        }
    }
}
