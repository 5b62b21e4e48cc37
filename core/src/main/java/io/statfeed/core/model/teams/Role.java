package io.statfeed.core.model.teams;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a member may do in an account. Both see and change its stats, dashboards and alerts;
 * owners also invite people, remove members and change roles, and an account always keeps one.
 */
public enum Role {
    OWNER("owner"), MEMBER("member");

    private final String storedName;

    Role(String storedName) {
        this.storedName = storedName;
    }

    /** As stored in memberships and invites, and as forms and the API spell it. */
    public String storedName() {
        return storedName;
    }

    public static Optional<Role> fromStoredName(String name) {
        return Arrays.stream(values()).filter(role -> role.storedName.equals(name)).findFirst();
    }
}
