package io.statfeed.core.model;

/** A person who logs in, with the account they work in (the first of their memberships). */
public record User(long id, String email, String passwordHash, long accountId) {
    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", accountId=" + accountId + "]"; // the hash stays out of logs
    }
}
