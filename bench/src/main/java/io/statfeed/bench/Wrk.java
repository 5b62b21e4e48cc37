package io.statfeed.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk with scripts/bench-ingest.lua and reads its RESULT line. */
final class Wrk {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");

    /** What one wrk run saw. {@code expected} counts answers with the scenario's expected status. */
    record Result(long expected, long unexpected, long serverErrors, long socketErrors, double rps, double p50Ms,
                  double p99Ms, String unexpectedStatuses) {
        long errors() {
            return unexpected + socketErrors;
        }
    }

    private static final Pattern STATUSES = Pattern.compile("unexpected_statuses=(\\S*)");

    /** The unexpected statuses and their counts, e.g. "429x12,503x3", or "" for none. */
    private static String statuses(String line) {
        Matcher m = STATUSES.matcher(line);
        return m.find() ? m.group(1) : "";
    }

    private final Path script;
    private final int threads;
    private final int connections;

    Wrk(Path script, int threads, int connections) {
        this.script = script;
        this.threads = threads;
        this.connections = connections;
    }

    Result run(String baseUrl, Scenario scenario, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), baseUrl));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BENCH_PATH", scenario.path());
        env.put("BENCH_BODY_FILE", scenario.bodies().toString());
        env.put("BENCH_CONTENT_TYPE", scenario.contentType());
        env.put("BENCH_EXPECT", scenario.expect());
        if (scenario.suffix() != null) {
            env.put("BENCH_SUFFIX", scenario.suffix());
        }
        if (scenario.lineBreaks()) {
            env.put("BENCH_LINE_BREAKS", "1");
        }
        Process wrk = builder.start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed for " + scenario.name() + ":\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT for " + scenario.name() + ":\n"
                        + out));
        Matcher m = FIELD.matcher(line);
        java.util.Map<String, Double> fields = new java.util.HashMap<>();
        while (m.find()) {
            fields.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new Result(fields.get("expected").longValue(), fields.get("unexpected").longValue(),
                fields.get("server_errors").longValue(), fields.get("socket_errors").longValue(),
                fields.get("rps"), fields.get("p50_ms"), fields.get("p99_ms"), statuses(line));
    }
}
