package io.statfeed.presenters.html;

/**
 * What every page's frame shows: who is signed in (email null when nobody), the CSRF token the
 * page's forms carry, which section is active, and a one-off notice ("Dashboard created").
 */
public record Chrome(String email, String csrf, String section, String notice) {
    public static Chrome anonymous(String section) {
        return new Chrome(null, "", section, null);
    }

    public boolean signedIn() {
        return email != null;
    }
}
