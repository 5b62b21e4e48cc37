package io.statfeed.interactor.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.statfeed.core.model.InvalidInputException;
import java.nio.charset.StandardCharsets;

/** Password rules and bcrypt hashing, shared by signing up and (later) logging in. */
public final class Passwords {
    public static final int MIN_CHARACTERS = 8;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently cut, so they are refused. */
    public static final int MAX_UTF8_BYTES = 72;

    private final int cost;

    /** @param cost bcrypt cost (log2 of the rounds), see {@code Settings.passwordHashCost()} */
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
        return password != null && BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
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
