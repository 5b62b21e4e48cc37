package io.statfeed.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which tiers a process runs. */
enum Role {
    ALL(true, true, false, false),
    API(true, false, false, false),
    WEB(false, true, false, false),
    /** One graph app-server on STATFEED_GRAPH_PORT; web-apps reach it through STATFEED_GRAPH_SERVERS. */
    GRAPH(false, false, true, false),
    /** One analysis app-server on STATFEED_ANALYSIS_PORT; reached through STATFEED_ANALYSIS_SERVERS. */
    ANALYSIS(false, false, false, true);

    final boolean api;
    final boolean web;
    final boolean graph;
    final boolean analysis;

    Role(boolean api, boolean web, boolean graph, boolean analysis) {
        this.api = api;
        this.web = web;
        this.graph = graph;
        this.analysis = analysis;
    }

    /** App-servers get their numbers in each request: only the api-server and web-app use storage. */
    boolean needsDatabase() {
        return api || web;
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
