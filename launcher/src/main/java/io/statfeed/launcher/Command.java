package io.statfeed.launcher;

import java.util.Arrays;
import java.util.Locale;

/** What {@code scripts/run} was asked for: a role (default all) and optionally {@code --demo}. */
record Command(Role role, boolean demo) {
    static final String DEMO_FLAG = "--demo";

    static Command parse(String[] args) {
        boolean demo = Arrays.asList(args).contains(DEMO_FLAG);
        Role role = Role.parse(Arrays.stream(args).filter(arg -> !arg.equals(DEMO_FLAG)).toArray(String[]::new));
        if (demo && role != Role.ALL) {
            // The demo's live points go through the api-server, and people look at them in the web-app.
            throw new IllegalArgumentException(DEMO_FLAG + " runs with every tier in one process (role all), not "
                    + role.name().toLowerCase(Locale.ROOT));
        }
        return new Command(role, demo);
    }

    static String usage() {
        return "usage: scripts/run [" + Role.names().replace(", ", "|") + "] [" + DEMO_FLAG + "]";
    }
}
