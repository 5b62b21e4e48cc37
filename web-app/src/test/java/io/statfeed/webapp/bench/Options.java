package io.statfeed.webapp.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How scripts/bench-web runs: seconds per run from its argument, the rest from BENCH_* variables,
 * each checked with its range in the message.
 *
 * @param appServerJvmOptions for the app-server JVMs of the RPC mode (BENCH_APP_SERVER_JAVA_OPTS)
 * @param scenarios the keys of the scenarios to run (BENCH_SCENARIOS, e.g. {@code png,dashboard}); empty for all
 */
record Options(Duration duration, int rounds, Duration warmup, int users, int connections, int graphReplicas,
               int analysisReplicas, List<String> appServerJvmOptions, Set<String> scenarios) {
    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_ROUNDS = 3;
    /** Per run: the JIT is still compiling the graph and storage paths well into the first minute. */
    static final int DEFAULT_WARMUP_SECONDS = 10;
    static final int DEFAULT_USERS = 1;
    /** What browsers open per host. */
    static final int DEFAULT_CONNECTIONS = 6;
    static final String DEFAULT_APP_SERVER_JAVA_OPTS =
            "-Djava.awt.headless=true -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    Options {
        appServerJvmOptions = List.copyOf(appServerJvmOptions);
        scenarios = Set.copyOf(scenarios);
    }

    static Options from(String[] args, Map<String, String> env) {
        int seconds = args.length > 0 ? number("seconds per run (the argument)", args[0], 1, 3_600) : DEFAULT_SECONDS;
        String jvm = env.getOrDefault("BENCH_APP_SERVER_JAVA_OPTS", DEFAULT_APP_SERVER_JAVA_OPTS).strip();
        String scenarios = env.getOrDefault("BENCH_SCENARIOS", "").strip();
        return new Options(Duration.ofSeconds(seconds),
                number(env, "BENCH_ROUNDS", DEFAULT_ROUNDS, 1, 100),
                Duration.ofSeconds(number(env, "BENCH_WARMUP", DEFAULT_WARMUP_SECONDS, 0, 3_600)),
                number(env, "BENCH_USERS", DEFAULT_USERS, 1, 256),
                number(env, "BENCH_CONNECTIONS", DEFAULT_CONNECTIONS, 1, 64),
                number(env, "BENCH_GRAPH_REPLICAS", 1, 1, 16),
                number(env, "BENCH_ANALYSIS_REPLICAS", 1, 0, 16),
                jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+")),
                scenarios.isEmpty() ? Set.of() : Set.of(scenarios.split("\\s*,\\s*")));
    }

    private static int number(Map<String, String> env, String variable, int fallback, int min, int max) {
        String text = env.get(variable);
        return text == null || text.isBlank() ? fallback : number(variable, text, min, max);
    }

    private static int number(String what, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message naming the range
        }
        throw new IllegalArgumentException(what + " must be a whole number from " + min + " to " + max + ", got '"
                + text + "'");
    }
}
