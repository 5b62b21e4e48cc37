package io.statfeed.presenters.html;

/**
 * What every page's frame shows: who is signed in (email null when nobody), the CSRF token the
 * page's forms carry, which section is active, a one-off notice ("Dashboard created"), and how many
 * notifications the person has not seen yet (the badge on the Notifications link; 0 shows none).
 */
public record Chrome(String email, String csrf, String section, String notice, int unseen) {
    public static Chrome anonymous(String section) {
        return new Chrome(null, "", section, null, 0);
    }

    public boolean signedIn() {
        return email != null;
    }
}
