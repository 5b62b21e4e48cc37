package io.statfeed.webapp.bench;

import io.javalin.Javalin;
import io.statfeed.appservers.AppServices;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.Database;
import io.statfeed.webapp.WebServer;
import io.statfeed.webapp.session.SessionCookies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs scripts/bench-web in one JVM: a fresh account with twelve stats of history (embedded
 * storage, or the MySQL/MariaDB of STATFEED_DB_URL), the web-app twice over that storage (graphs
 * and analysis in-process, and over RPC to app-servers in JVMs of their own), and the baseline (a
 * bare Javalin server replaying the web-app's own answers byte for byte). Signed-in visitors then
 * browse each scenario for a while after a warm-up, in interleaved rounds, and it prints every
 * run, a table and whether the targets are met; it exits with 1 when one is missed or a request failed.
 *
 * <p>Latency is measured by the client, on loopback, from sending the request to the last byte of
 * the answer (for a dashboard: from the page's request to the last of its images).
 */
public final class WebBenchHost {
    private static final double PNG_TARGET_MS = 15;
    private static final double DASHBOARD_TARGET_MS = 150;
    private static final String WEEK_OF_MINUTES = "1w1m";
    private static final String WEEK = "1w";
    private static final String BARE = "bare";
    private static final String IN_PROCESS = "in-process";
    private static final String RPC = "rpc";
    private static final double NANOS_PER_SECOND = 1e9;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** What one visit does, the {@code n}th of its run (scenarios over one stat take the stats in turn). */
    interface Visit {
        void open(BenchBrowser browser, URI base, int n) throws IOException, InterruptedException;
    }

    /** @param key what BENCH_SCENARIOS names it by */
    record Scenario(String key, String name, Visit visit, OptionalDouble targetP50Millis) {
    }

    /** One scenario on one server for one stretch of time. */
    record Run(Latencies latencies, long elapsedNanos, int errors, Optional<String> firstError) {
        double visitsPerSecond() {
            return latencies.count() * NANOS_PER_SECOND / elapsedNanos;
        }
    }

    private final Options options;
    private final HttpClient http = BenchBrowser.newHttpClient();
    private final String cookie;
    private final Map<String, URI> servers = new LinkedHashMap<>();

    private WebBenchHost(Options options, String sessionToken) {
        this.options = options;
        this.cookie = SessionCookies.SESSION_COOKIE + "=" + sessionToken;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.from(args, System.getenv());
        String loadBefore = loadAverage();
        Path dataDir = Files.createTempDirectory("statfeed-bench-web");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("STATFEED_DATA_DIR", dataDir.toString());
        Settings settings = Settings.from(env).withPorts(0, 0);
        // Fixed at the end of the history: every round sees the same windows over the same points.
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        int status;
        List<AppServerProcess> children = new ArrayList<>();
        try (Database database = Database.open(settings)) {
            long started = System.nanoTime();
            BenchAccount account = BenchAccount.create(database, settings, clock);
            System.out.printf(Locale.ROOT, "data: %s, %d stats, %,d bucket rows written in %.1f s%n",
                    database.dialect(), account.stats().size(), account.bucketRows(),
                    (System.nanoTime() - started) / NANOS_PER_SECOND);
            List<Settings.HostPort> graphs = new ArrayList<>();
            List<Settings.HostPort> analyses = new ArrayList<>();
            for (int i = 0; i < options.graphReplicas(); i++) {
                children.add(AppServerProcess.start("graph", options.appServerJvmOptions()));
                graphs.add(children.get(children.size() - 1).address());
            }
            for (int i = 0; i < options.analysisReplicas(); i++) {
                children.add(AppServerProcess.start("analysis", options.appServerJvmOptions()));
                analyses.add(children.get(children.size() - 1).address());
            }
            try (AppServices local = AppServices.inProcess();
                 AppServices remote = AppServices.connect(settings.appServers().withReplicas(graphs, analyses));
                 WebServer inProcess = WebServer.start(settings, database, clock, local);
                 WebServer overRpc = WebServer.start(settings, database, clock, remote)) {
                WebBenchHost host = new WebBenchHost(options, account.sessionToken());
                host.servers.put(IN_PROCESS, local(inProcess.port()));
                host.servers.put(RPC, local(overRpc.port()));
                status = host.run(account, loadBefore, database.dialect().toString());
            }
        } finally {
            for (AppServerProcess child : children) {
                child.close();
            }
            deleteRecursively(dataDir);
        }
        System.exit(status);
    }

    private int run(BenchAccount account, String loadBefore, String storage) throws Exception {
        List<Scenario> scenarios = scenarios(account);
        Javalin bare = ReplayServer.start(record(scenarios, account));
        try {
            servers.put(BARE, local(bare.port()));
            describe(account, loadBefore, storage);
            for (Scenario scenario : scenarios) {
                for (String server : order()) {
                    measure(scenario, server, options.warmup());
                }
            }
            System.out.println("warmed up; load average " + loadAverage());
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            for (int round = 1; round <= options.rounds(); round++) {
                for (Scenario scenario : scenarios) {
                    for (String server : order()) {
                        Run run = measure(scenario, server, options.duration());
                        runs.computeIfAbsent(key(scenario, server), k -> new ArrayList<>()).add(run);
                        printRun(round, scenario, server, run);
                    }
                }
                System.out.println("after round " + round + ": load average " + loadAverage());
            }
            return report(scenarios, runs);
        } finally {
            bare.stop();
        }
    }

    private List<Scenario> scenarios(BenchAccount account) {
        List<Stat> stats = account.stats();
        String dashboard = dashboardPath(account);
        List<Scenario> all = List.of(
                new Scenario("png", "PNG, a week of minutes (tf=" + WEEK_OF_MINUTES + ", 10,080 points)",
                        (browser, base, n) -> browser.get(base.resolve(statPath(stats, n) + "/graph.png?tf="
                                + WEEK_OF_MINUTES)), OptionalDouble.of(PNG_TARGET_MS)),
                new Scenario("stat", "stat page (tf=" + WEEK + ")",
                        (browser, base, n) -> browser.get(base.resolve(statPath(stats, n) + "?tf=" + WEEK)),
                        OptionalDouble.empty()),
                new Scenario("json", "stat page JSON (tf=" + WEEK + ")",
                        (browser, base, n) -> browser.get(base.resolve(statPath(stats, n) + ".json?tf=" + WEEK)),
                        OptionalDouble.empty()),
                new Scenario("dashboard-page", "dashboard page alone (12 summaries)",
                        (browser, base, n) -> browser.get(base.resolve(dashboard)), OptionalDouble.empty()),
                new Scenario("dashboard", "dashboard + its 12 graphs (" + options.connections() + " connections)",
                        (browser, base, n) -> browser.pageWithImages(base.resolve(dashboard)),
                        OptionalDouble.of(DASHBOARD_TARGET_MS)));
        List<String> keys = all.stream().map(Scenario::key).toList();
        for (String asked : options.scenarios()) {
            if (!keys.contains(asked)) {
                throw new IllegalArgumentException("BENCH_SCENARIOS: no scenario '" + asked + "'; there are " + keys);
            }
        }
        return all.stream()
                .filter(scenario -> options.scenarios().isEmpty() || options.scenarios().contains(scenario.key()))
                .toList();
    }

    private static String dashboardPath(BenchAccount account) {
        return "/dashboards/" + account.dashboardId();
    }

    private static String statPath(List<Stat> stats, int n) {
        return "/stats/" + stats.get(Math.floorMod(n, stats.size())).id();
    }

    /**
     * Visits everything once on the in-process web-app, keeping its answers for the baseline, and
     * checks that they are what the scenarios claim: graphs are PNGs, the dashboard shows every stat.
     */
    private Map<String, BenchBrowser.Response> record(List<Scenario> scenarios, BenchAccount account)
            throws IOException, InterruptedException {
        Map<String, BenchBrowser.Response> recorded = new ConcurrentHashMap<>();
        try (BenchBrowser browser = new BenchBrowser(http, cookie, options.connections(), Optional.of(recorded))) {
            for (Scenario scenario : scenarios) {
                for (int n = 0; n < account.stats().size(); n++) {
                    scenario.visit().open(browser, servers.get(IN_PROCESS), n);
                }
            }
        }
        recorded.forEach((path, answer) -> {
            boolean png = answer.contentType().startsWith("image/png")
                    && Arrays.equals(Arrays.copyOf(answer.body(), PNG_SIGNATURE.length), PNG_SIGNATURE);
            if (path.contains("/graph.png") != png) {
                throw new IllegalStateException(path + " answered " + answer.contentType());
            }
        });
        BenchBrowser.Response dashboard = recorded.get(dashboardPath(account));
        if (dashboard != null) {
            int images = BenchBrowser.imageSources(servers.get(IN_PROCESS),
                    new String(dashboard.body(), StandardCharsets.UTF_8)).size();
            if (images != account.stats().size()) {
                throw new IllegalStateException("the dashboard shows " + images + " images, not "
                        + account.stats().size());
            }
        }
        return recorded;
    }

    private Run measure(Scenario scenario, String server, Duration duration) throws InterruptedException {
        URI base = servers.get(server);
        AtomicInteger visits = new AtomicInteger();
        List<Latencies> latencies = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<String> errorMessages = new CopyOnWriteArrayList<>();
        List<Thread> users = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int u = 0; u < options.users(); u++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread user = new Thread(() -> {
                try (BenchBrowser browser = new BenchBrowser(http, cookie, options.connections(), Optional.empty())) {
                    while (System.nanoTime() < deadline) {
                        int n = visits.getAndIncrement();
                        long sent = System.nanoTime();
                        try {
                            scenario.visit().open(browser, base, n);
                            mine.add(System.nanoTime() - sent);
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            errorMessages.add(e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }, "bench-visitor-" + u);
            user.start();
            users.add(user);
        }
        for (Thread user : users) {
            user.join();
        }
        long elapsed = System.nanoTime() - start;
        return new Run(Latencies.pooled(latencies), elapsed, errors.get(), errorMessages.stream().findFirst());
    }

    private void describe(BenchAccount account, String loadBefore, String storage) {
        System.out.printf(Locale.ROOT, "storage %s; %d cores; Java %s; %d visitor(s) at a time, %d connections for a"
                        + " page's images; %d rounds of %d s per run after %d s of warm-up per run%n",
                storage, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                options.users(), options.connections(), options.rounds(), options.duration().toSeconds(),
                options.warmup().toSeconds());
        System.out.printf(Locale.ROOT, "servers: %s = replay of the web-app's answers by a bare Javalin; %s = graphs"
                        + " and analysis in the web-app's JVM; %s = %d graph and %d analysis app-server JVM(s)%n",
                BARE, IN_PROCESS, RPC, options.graphReplicas(), options.analysisReplicas());
        System.out.println("account: " + account + "; load average before start: " + loadBefore);
    }

    private static void printRun(int round, Scenario scenario, String server, Run run) {
        Latencies l = run.latencies();
        System.out.printf(Locale.ROOT, "round %d | %-48s | %-10s | n=%5d p50=%8.2f p90=%8.2f p99=%8.2f ms"
                        + " | %7.1f visits/s | errors=%d%s%n", round, scenario.name(), server, l.count(),
                l.percentileMillis(50), l.percentileMillis(90), l.percentileMillis(99), run.visitsPerSecond(),
                run.errors(), run.firstError().map(e -> " first: " + e).orElse(""));
        System.out.flush();
    }

    /** The table for BENCHMARKS.md and the targets; returns the exit status. */
    private int report(List<Scenario> scenarios, Map<String, List<Run>> runs) {
        System.out.println();
        System.out.println("| scenario | server | p50 ms | p90 ms | p99 ms | visits/s | p50 ÷ bare p50, median"
                + " (rounds) | p50 − bare p50 | target |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        int status = 0;
        List<String> verdicts = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<Run> bareRuns = runs.get(key(scenario, BARE));
            Latencies bare = Latencies.pooled(bareRuns.stream().map(Run::latencies).toList());
            for (String server : order()) {
                List<Run> mine = runs.get(key(scenario, server));
                Latencies all = Latencies.pooled(mine.stream().map(Run::latencies).toList());
                double p50 = all.percentileMillis(50);
                long elapsed = mine.stream().mapToLong(Run::elapsedNanos).sum();
                int errors = mine.stream().mapToInt(Run::errors).sum();
                String ratio = "";
                String less = "";
                String target = "";
                if (!server.equals(BARE)) {
                    List<Double> perRound = new ArrayList<>();
                    for (int i = 0; i < mine.size(); i++) {
                        perRound.add(mine.get(i).latencies().percentileMillis(50)
                                / bareRuns.get(i).latencies().percentileMillis(50));
                    }
                    ratio = String.format(Locale.ROOT, "%.1f (%s)", median(perRound), String.join(", ",
                            perRound.stream().map(r -> String.format(Locale.ROOT, "%.1f", r)).toList()));
                    less = String.format(Locale.ROOT, "%.2f", p50 - bare.percentileMillis(50));
                    if (scenario.targetP50Millis().isPresent()) {
                        double limit = scenario.targetP50Millis().getAsDouble();
                        boolean met = p50 <= limit;
                        target = String.format(Locale.ROOT, "≤ %.0f ms: %s", limit, met ? "met" : "MISSED");
                        verdicts.add(String.format(Locale.ROOT, "TARGET %s, %s: p50 %.2f ms, target <= %.0f ms: %s",
                                scenario.name(), server, p50, limit, met ? "MET" : "MISSED"));
                        status |= met ? 0 : 1;
                    }
                }
                if (errors > 0) {
                    verdicts.add("ERRORS " + scenario.name() + ", " + server + ": " + errors);
                    status = 1;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.1f | %s | %s | %s |%n",
                        server.equals(BARE) ? scenario.name() : "", server, p50, all.percentileMillis(90),
                        all.percentileMillis(99), all.count() * NANOS_PER_SECOND / elapsed, ratio, less, target);
            }
        }
        System.out.println();
        verdicts.forEach(System.out::println);
        System.out.println("load average at the end: " + loadAverage());
        return status;
    }

    private static List<String> order() {
        return List.of(BARE, IN_PROCESS, RPC);
    }

    private static String key(Scenario scenario, String server) {
        return scenario.name() + " @ " + server;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The 1, 5 and 15 minute load averages, as uptime shows them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
