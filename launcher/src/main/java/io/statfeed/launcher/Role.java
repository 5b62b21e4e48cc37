package io.statfeed.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which tiers a process runs. */
enum Role {
    ALL(true, true, true, false, false),
    API(true, false, false, false, false),
    WEB(false, true, false, false, false),
    /** A node of the clustered scheduler (alerts, reports, retention, clean-up). */
    SCHEDULER(false, false, true, false, false),
    /** One graph app-server on STATFEED_GRAPH_PORT; web-apps reach it through STATFEED_GRAPH_SERVERS. */
    GRAPH(false, false, false, true, false),
    /** One analysis app-server on STATFEED_ANALYSIS_PORT; reached through STATFEED_ANALYSIS_SERVERS. */
    ANALYSIS(false, false, false, false, true);

    final boolean api;
    final boolean web;
    final boolean scheduler;
    final boolean graph;
    final boolean analysis;

    Role(boolean api, boolean web, boolean scheduler, boolean graph, boolean analysis) {
        this.api = api;
        this.web = web;
        this.scheduler = scheduler;
        this.graph = graph;
        this.analysis = analysis;
    }

    /** App-servers get their numbers in each request: the other tiers use storage. */
    boolean needsDatabase() {
        return api || web || scheduler;
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
