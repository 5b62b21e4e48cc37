package io.statfeed.interactor.accounts;

import io.statfeed.core.model.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The sign-in name of a user: a plain ASCII email address, kept in lower case. */
public final class EmailAddresses {
    /** The longest address SMTP can deliver to (RFC 5321 path limit less the angle brackets). */
    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;
    /** A practical subset of RFC 5322: dot-atom local part, and a domain of at least two labels. */
    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    public static String normalised(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("email is missing");
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH) {
            throw new InvalidInputException("email must be at most " + MAX_LENGTH + " characters long, got "
                    + address.length());
        }
        if (!SYNTAX.matcher(address).matches() || address.indexOf('@') > MAX_LOCAL_PART) {
            throw new InvalidInputException("email is not a valid address such as ada@example.com");
        }
        return address;
    }
}
