package io.statfeed.interactor.feeds;

/**
 * How a person is named in feeds seen outside their account: the part of their email before the
 * @, so that following someone's public activity does not hand out their address.
 */
public final class People {
    private People() {
    }

    public static String displayName(String email) {
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : email;
    }
}
