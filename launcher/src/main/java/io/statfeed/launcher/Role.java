package io.statfeed.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which tiers a process runs. */
enum Role {
    ALL(true, true),
    API(true, false),
    WEB(false, true);

    final boolean api;
    final boolean web;

    Role(boolean api, boolean web) {
        this.api = api;
        this.web = web;
    }

    static Role parse(String[] args) {
        if (args.length == 0) {
            return ALL;
        }
        if (args.length > 1) {
            throw new IllegalArgumentException("expected one role, got " + String.join(" ", args));
        }
        try {
            return valueOf(args[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + args[0] + "'; use one of " + names());
        }
    }

    static String names() {
        return Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
