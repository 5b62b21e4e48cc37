package io.statfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * scripts/bench-ingest: the api-server as users run it, beside a bare Javalin baseline and
 * InfluxDB, all driven by wrk over loopback in one run. See BENCHMARKS.md for what it measures.
 */
public final class IngestBench {
    private static final int WEB_PORT = 18080;
    private static final int API_PORT = 18081;
    private static final int BARE_PORT = 18089;
    private static final int INFLUX_PORT = 18086;
    private static final int INFLUX_RPC_PORT = 18088;
    private static final int ACCOUNTS = 100;
    private static final int STATS_PER_ACCOUNT = 100;
    private static final int ACTIVE_ACCOUNTS = 1_000;
    /** Long enough for the api-server's self-monitoring (every 10 s by default) to report the last requests. */
    private static final long SELF_REPORT_WAIT_MS = 12_000;
    private static final long READABLE_LIMIT_MS = 2_000;
    private static final long EXACT_WAIT_NANOS = 60_000_000_000L;
    private static final long DELETION_WAIT_NANOS = 120_000_000_000L;

    private final Path repo;
    private final Path work;
    private final Options options;
    private final Wrk wrk;
    private final Http http = new Http();
    private final List<String> report = new ArrayList<>();
    private boolean failed;

    record Options(int seconds, int rounds, int connections, List<Layout> layouts, String databaseUrl,
                   int activeMinutes, boolean influx, String only, int warmupSeconds, boolean profile) {
        static Options fromEnvironment(String[] args) {
            Map<String, String> env = System.getenv();
            List<Layout> layouts = new ArrayList<>();
            for (String name : env.getOrDefault("BENCH_LAYOUTS", "embedded,production").split(",")) {
                layouts.add(Layout.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            }
            return new Options(args.length > 0 ? Integer.parseInt(args[0]) : 10,
                    Integer.parseInt(env.getOrDefault("BENCH_ROUNDS", "3")),
                    Integer.parseInt(env.getOrDefault("BENCH_CONNECTIONS", "64")),
                    layouts,
                    env.getOrDefault("BENCH_DB_URL", "jdbc:mysql://127.0.0.1:3306/statfeed_bench_ingest"),
                    Integer.parseInt(env.getOrDefault("BENCH_ACTIVE_MINUTES", "5")),
                    !"0".equals(env.getOrDefault("BENCH_INFLUX", "1")),
                    env.getOrDefault("BENCH_ONLY", ""),
                    Integer.parseInt(env.getOrDefault("BENCH_WARMUP", "10")),
                    "1".equals(env.getOrDefault("BENCH_PROFILE", "0")));
        }
    }

    private IngestBench(Path repo, Path work, Options options) {
        this.repo = repo;
        this.work = work;
        this.options = options;
        this.wrk = new Wrk(repo.resolve("scripts/bench-ingest.lua"), 2, options.connections());
    }

    /** Arguments: [seconds per run]. The repository is the working directory; the bare server's command comes from BENCH_BARE_COMMAND. */
    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("statfeed-bench-ingest");
        IngestBench bench = new IngestBench(repo, work, Options.fromEnvironment(args));
        boolean ok = bench.run(System.getenv("BENCH_BARE_COMMAND"));
        System.exit(ok ? 0 : 1);
    }

    private boolean run(String bareCommand) throws Exception {
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores; wrk 2 threads, "
                + options.connections() + " connections; " + options.rounds() + " rounds of " + options.seconds()
                + " s per run; work folder " + work);
        say("JVM options of scripts/run api (the baseline runs with the same): " + jvmOptions("api"));
        try (Proc bare = startBare(bareCommand); InfluxPeer influx = options.influx() ? startInflux() : null) {
            for (Layout layout : options.layouts()) {
                runLayout(layout, bare, influx);
            }
            say("");
            say("baseline process: " + bare.memory());
            if (influx != null) {
                say("InfluxDB process: " + influx.memory());
            }
        }
        System.out.println();
        report.forEach(System.out::println);
        return !failed;
    }

    private Proc startBare(String command) throws Exception {
        List<String> words = List.of(command.trim().split("\\s+"));
        List<String> full = new ArrayList<>(words);
        full.add(Integer.toString(BARE_PORT));
        return Proc.start("bare-baseline", full, Map.of(), repo, work.resolve("logs"))
                .awaitHealthy("http://127.0.0.1:" + BARE_PORT + "/healthz");
    }

    private InfluxPeer startInflux() throws Exception {
        return InfluxPeer.start(work.resolve("influxdb"), INFLUX_PORT, INFLUX_RPC_PORT, work.resolve("logs"));
    }

    private void runLayout(Layout layout, Proc bare, InfluxPeer influx) throws Exception {
        say("");
        say("=== layout: " + layout.name().toLowerCase(Locale.ROOT) + (layout == Layout.PRODUCTION
                ? " (scripts/run api + scripts/run web on " + options.databaseUrl() + ")" : " (scripts/run)"));
        if (layout == Layout.PRODUCTION) {
            recreateDatabase(options.databaseUrl());
        }
        try (Layout.Running servers = layout.start(repo, work.resolve(layout.name().toLowerCase(Locale.ROOT)),
                WEB_PORT, API_PORT, options.databaseUrl())) {
            Population population = new Population(http, servers.webUrl(), servers.apiUrl());
            long setupStarted = System.nanoTime();
            List<Population.Account> accounts = population.create(0, ACCOUNTS, STATS_PER_ACCOUNT);
            Population.Account trash = population.create(ACCOUNTS, 1, STATS_PER_ACCOUNT).get(0);
            population.deleteAllStats(trash);
            Population.Account probe = population.create(ACCOUNTS + 1, 1, 1).get(0);
            long setupPoints = (long) ACCOUNTS * STATS_PER_ACCOUNT + 1;
            say(String.format("set up %d accounts x %d stats (+1 account whose %d stats are deleted) in %.1f s",
                    ACCOUNTS, STATS_PER_ACCOUNT, STATS_PER_ACCOUNT, (System.nanoTime() - setupStarted) / 1e9));
            Bodies bodies = Bodies.write(work.resolve(layout.name().toLowerCase(Locale.ROOT) + "-bodies"), accounts,
                    trash);
            long intoDeletedStats = awaitDeletionHonoured(servers, trash);

            Map<String, String> urls = Map.of("statfeed", servers.apiUrl(), "bare", "http://127.0.0.1:" + BARE_PORT,
                    "influx", influx == null ? "" : influx.url);
            List<Run> plan = plan(bodies, influx != null).stream()
                    .filter(run -> options.only().isEmpty() || run.key().contains(options.only())).toList();
            long acknowledgedLowerBound = setupPoints;
            for (Run warm : plan) {
                if (!warm.target().equals("influx")) {
                    Wrk.Result result = wrk.run(urls.get(warm.target()), warm.scenario(), options.warmupSeconds());
                    if (warm.target().equals("statfeed")) {
                        acknowledgedLowerBound += result.expected() * warm.scenario().storedPoints();
                    }
                }
            }
            List<Map<String, Wrk.Result>> rounds = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                Map<String, Wrk.Result> results = new LinkedHashMap<>();
                for (Run run : plan) {
                    if (run.scenario() == plan.stream().filter(r -> r.key().contains("past limit")).findFirst()
                            .map(Run::scenario).orElse(null)) {
                        spendNewStatAllowance(servers, accounts, round);
                    }
                    awaitQuiet(servers);
                    Map<String, Double> threadsBefore = CpuTime.byThread(servers.api().pid());
                    double machineBefore = CpuTime.machineBusy();
                    double serversBefore = servers.cpuSeconds();
                    double databaseBefore = CpuTime.ofCommand("mariadbd");
                    boolean profiled = options.profile() && run.target().equals("statfeed");
                    if (profiled) {
                        servers.api().startProfile();
                    }
                    Wrk.Result result = wrk.run(urls.get(run.target()), run.scenario(), options.seconds());
                    if (profiled) {
                        Path file = work.resolve(String.format("profile-%s-round%d-%s.jfr",
                                layout.name().toLowerCase(Locale.ROOT), round,
                                run.scenario().name().replaceAll("[^A-Za-z0-9]+", "-")));
                        servers.api().stopProfile(file);
                        say("    profile: " + file);
                        ProfileSummary.summarize(file).forEach(this::say);
                    }
                    results.put(run.key(), result);
                    say(String.format("round %d  %-28s %s", round, run.key(), describe(result, run.scenario())));
                    if (run.target().equals("statfeed")) {
                        say(String.format("    cpu s: machine %.1f, statfeed %.1f, mariadbd %.1f; api-server threads: %s",
                                CpuTime.machineBusy() - machineBefore, servers.cpuSeconds() - serversBefore,
                                CpuTime.ofCommand("mariadbd") - databaseBefore,
                                CpuTime.difference(threadsBefore, CpuTime.byThread(servers.api().pid()), 8)));
                    }
                    if (result.errors() > 0) {
                        failed = true;
                        say("  ERRORS: " + result.unexpected() + " unexpected answers (status x count: "
                                + result.unexpectedStatuses() + "), " + result.socketErrors() + " socket errors");
                    }
                    if (run.target().equals("statfeed")) {
                        acknowledgedLowerBound += result.expected() * run.scenario().storedPoints();
                    }
                }
                rounds.add(results);
            }
            checkStorage(servers, population, accounts, probe, acknowledgedLowerBound,
                    STATS_PER_ACCOUNT + intoDeletedStats);
            say("api-server process after the load: " + servers.api().memory());
            if (options.only().isEmpty()) {
                summarize(layout, rounds, influx != null);
            }
            activeStats(servers, population);
        }
    }

    /**
     * The trash account's stats were deleted through the web-app, which answers once every
     * api-server honours the delete (the change log), so the first post to one of their keys
     * should be refused. Posts to one until refused, and returns how many points it got
     * acknowledged meanwhile (they would be in storage, in stats no export shows).
     */
    private long awaitDeletionHonoured(Layout.Running servers, Population.Account trash) throws Exception {
        String key = trash.keys().values().iterator().next();
        long started = System.nanoTime();
        long acknowledged = 0;
        while (System.nanoTime() - started < DELETION_WAIT_NANOS) {
            int status = http.status(servers.apiUrl() + "/c", Scenario.FORM, "ukey=" + trash.ukey() + "&key=" + key
                    + "&count=1");
            if (status == 404) {
                say(String.format("deleted stats refused by the api-server %d s after their deletion (%d points "
                        + "acknowledged into them meanwhile)", (System.nanoTime() - started) / 1_000_000_000L,
                        acknowledged));
                return acknowledged;
            }
            acknowledged += status == 200 ? 1 : 0;
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the api-server still takes points into deleted stats after 2 minutes");
    }

    /**
     * Brings every account to its limit of new stats, so that the scenario of new names past the
     * limit measures refusals (and the few creations the limit lets through each minute), not the
     * allowance the accounts regained since the last round.
     */
    private void spendNewStatAllowance(Layout.Running servers, List<Population.Account> accounts, int round)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Population.Account account : accounts) {
                StringBuilder batch = new StringBuilder("{\"ezkey\":\"").append(account.ezkey()).append("\",\"data\":[");
                for (int i = 0; i < STATS_PER_ACCOUNT; i++) {
                    batch.append(i == 0 ? "" : ",").append("{\"stat\":\"allowance ").append(round).append(' ')
                            .append(i).append("\",\"count\":1}");
                }
                String body = batch.append("]}").toString();
                sent.add(senders.submit(() -> http.status(servers.apiUrl() + "/ez", Scenario.JSON, body)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Waits until Statfeed, the database and InfluxDB are idle (under 5% of a core together), so
     * that work left over from one run (a flush backlog, a refresh, InfluxDB's compactions) does
     * not slow the next, least of all the baseline's. Gives up after 20 s and says so.
     */
    private void awaitQuiet(Layout.Running servers) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            double before = busy(servers);
            Thread.sleep(500);
            if (busy(servers) - before < 0.025) {
                return;
            }
        }
        say("    (the servers were still busy 20 s after the last run)");
    }

    private static double busy(Layout.Running servers) {
        return servers.cpuSeconds() + CpuTime.ofCommand("mariadbd") + CpuTime.ofCommand("influxd");
    }

    /** What one round runs, in this order: each baseline right before the endpoints it is compared with. */
    private static List<Run> plan(Bodies b, boolean influx) {
        List<Run> plan = new ArrayList<>(List.of(
                new Run("bare", Scenario.accepted("/c", "/c", Scenario.FORM, b.classic(), 1)),
                new Run("statfeed", Scenario.accepted("/c", "/c", Scenario.FORM, b.classic(), 1)),
                new Run("statfeed", Scenario.refused("/c deleted stat", "/c", b.deletedKeys(), "404,429", null)),
                new Run("bare", Scenario.accepted("/ez form", "/ez", Scenario.FORM, b.ezForm(), 1)),
                new Run("statfeed", Scenario.accepted("/ez form", "/ez", Scenario.FORM, b.ezForm(), 1)),
                new Run("statfeed", Scenario.refused("/ez unknown ezkey", "/ez", b.unknownKey(), "401,429",
                        "unknown-%d")),
                new Run("statfeed", Scenario.refused("/ez bad number", "/ez", b.badNumber(), "400", null)),
                new Run("bare", Scenario.accepted("/ez JSON 100", "/ez", Scenario.JSON, b.json(), 100)),
                new Run("statfeed", Scenario.accepted("/ez JSON 100", "/ez", Scenario.JSON, b.json(), 100)),
                new Run("statfeed", new Scenario("/ez JSON 100 + new past limit", "/ez", Scenario.JSON, b.jsonOpen(),
                        "200", ",{\"stat\":\"new stat %d\",\"count\":1}]}", false, 101, 100))));
        if (influx) {
            plan.add(new Run("influx", new Scenario("/write 1 point", "/write?db=" + InfluxPeer.DATABASE,
                    Scenario.TEXT, b.influxSingle(), "204", null, false, 1, 0)));
            plan.add(new Run("influx", new Scenario("/write 100 points", "/write?db=" + InfluxPeer.DATABASE,
                    Scenario.TEXT, b.influxBatch(), "204", null, true, 100, 0)));
        }
        return plan;
    }

    /** A scenario against one of the servers: statfeed, the bare baseline or InfluxDB. */
    private record Run(String target, Scenario scenario) {
        String key() {
            return target + " " + scenario.name();
        }
    }

    /**
     * Storage must hold every acknowledged point, readable within 2 s of the load's end, and
     * nothing else. Readable: the probe, a point posted right after the load, is read back at
     * minute resolution; the flusher writes everything it holds up to a point in the same
     * transaction, so once the probe is readable, so is everything acknowledged before it.
     * Exact: once the api-server has reported its count of acknowledged points, every stat's
     * total (hour and day buckets, written a few seconds after minutes) must add up to it. The
     * trash account's first points went into stats deleted since, which no export shows.
     */
    private void checkStorage(Layout.Running servers, Population population, List<Population.Account> accounts,
                              Population.Account probe, long wrkAcknowledged, long trashPoints) throws Exception {
        StoredTotals totals = new StoredTotals(http, population, servers.webUrl());
        long posted = System.nanoTime();
        http.post(servers.apiUrl() + "/ez", Scenario.FORM, "ezkey=" + probe.ezkey() + "&stat="
                + Population.form(probe.stats().get(0)) + "&count=1", 200);
        long readable = -1;
        while (System.nanoTime() - posted < READABLE_LIMIT_MS * 5_000_000L) {
            if (totals.storedMinutes(probe) == 2) { // its first point at setup, and this one
                readable = (System.nanoTime() - posted) / 1_000_000;
                break;
            }
            Thread.sleep(10);
        }
        boolean inTime = readable >= 0 && readable <= READABLE_LIMIT_MS;
        say(String.format("readable: a point posted after the load was read back %s: %s",
                readable < 0 ? "never (10 s)" : readable + " ms later", inTime ? "met (<= 2 s)" : "MISSED"));
        failed |= !inTime;

        Thread.sleep(SELF_REPORT_WAIT_MS);
        String systemToken = Files.readString(servers.apiDataDir().resolve("system-access-token")).strip();
        long acknowledged = totals.acknowledged(systemToken);
        List<Population.Account> counted = new ArrayList<>(accounts);
        counted.add(probe);
        Map<String, List<String>> ids = totals.statIds(counted);
        // Day buckets are written a few seconds after minutes; wait for them, but not for ever.
        long stored = totals.stored(ids);
        long waited = System.nanoTime();
        while (stored != acknowledged - trashPoints && System.nanoTime() - waited < EXACT_WAIT_NANOS) {
            Thread.sleep(1_000);
            stored = totals.stored(ids);
        }
        boolean exact = acknowledged - trashPoints == stored && stored >= wrkAcknowledged;
        say(String.format("exactly once: the api-server acknowledged %,d points (%,d of them to stats deleted since; "
                + "wrk saw %,d); storage holds %,d in day buckets (%d s after the first read): %s", acknowledged,
                trashPoints, wrkAcknowledged, stored, (System.nanoTime() - waited) / 1_000_000_000L,
                exact ? "exact" : "NOT EXACT"));
        failed |= !exact;
        for (String line : totals.selfMonitoring(systemToken)) {
            say("  self-monitoring, last hour: " + line);
        }
    }

    private void summarize(Layout layout, List<Map<String, Wrk.Result>> rounds, boolean influx) {
        String name = layout.name().toLowerCase(Locale.ROOT);
        say("");
        say("summary, " + name + " (median over rounds; target in brackets):");
        baselineRatio(rounds, "/c");
        baselineRatio(rounds, "/ez form");
        baselineRatio(rounds, "/ez JSON 100");
        refusalRatio(rounds, "/c deleted stat", "/c");
        refusalRatio(rounds, "/ez unknown ezkey", "/ez form");
        refusalRatio(rounds, "/ez bad number", "/ez form");
        refusalRatio(rounds, "/ez JSON 100 + new past limit", "/ez JSON 100");
        if (influx) {
            peerRatio(rounds, "/ez form", 1, "/write 1 point", 1, 2.0);
            peerRatio(rounds, "/c", 1, "/write 1 point", 1, 2.0);
            peerRatio(rounds, "/ez JSON 100", 100, "/write 100 points", 100, 1.5);
        }
    }

    private void baselineRatio(List<Map<String, Wrk.Result>> rounds, String scenario) {
        List<Double> rps = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (Map<String, Wrk.Result> r : rounds) {
            Wrk.Result ours = r.get("statfeed " + scenario);
            Wrk.Result bare = r.get("bare " + scenario);
            rps.add(ours.rps() / bare.rps());
            p99.add(ours.p99Ms() / bare.p99Ms());
        }
        double rpsMedian = median(rps);
        double p99Median = median(p99);
        boolean met = rpsMedian >= 0.80 && p99Median <= 2.0;
        failed |= !met;
        say(String.format("  %-30s %.2fx the baseline's req/s [>= 0.80], p99 %.2fx the baseline's [<= 2]: %s  (rounds %s; p99 %s)",
                scenario, rpsMedian, p99Median, met ? "met" : "MISSED", list(rps), list(p99)));
    }

    private void refusalRatio(List<Map<String, Wrk.Result>> rounds, String refusal, String twin) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Wrk.Result> r : rounds) {
            ratios.add(r.get("statfeed " + refusal).rps() / r.get("statfeed " + twin).rps());
        }
        double median = median(ratios);
        failed |= median < 0.9;
        say(String.format("  %-30s %.2fx the req/s of %s [>= 0.90]: %s  (rounds %s)", refusal, median, twin,
                median >= 0.9 ? "met" : "MISSED", list(ratios)));
    }

    private void peerRatio(List<Map<String, Wrk.Result>> rounds, String ours, int ourPoints, String theirs,
                           int theirPoints, double goal) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Wrk.Result> r : rounds) {
            ratios.add(r.get("statfeed " + ours).rps() * ourPoints / (r.get("influx " + theirs).rps() * theirPoints));
        }
        double median = median(ratios);
        say(String.format("  %-30s %.2fx InfluxDB's points/s on %s [goal >= %.1f]: %s  (rounds %s)", ours, median,
                theirs, goal, median >= goal ? "met" : "MISSED", list(ratios)));
        failed |= median < goal;
    }

    /**
     * 100,000 active stats: 1,000 accounts of 100 stats, each stat taking one point a minute for
     * a few minutes, then the api-server's memory.
     */
    private void activeStats(Layout.Running servers, Population population) throws Exception {
        if (options.activeMinutes() <= 0) {
            return;
        }
        long started = System.nanoTime();
        List<Population.Account> accounts = population.create(ACCOUNTS + 2, ACTIVE_ACCOUNTS, STATS_PER_ACCOUNT);
        say(String.format("active stats: %d accounts x %d stats signed up in %.1f s", ACTIVE_ACCOUNTS,
                STATS_PER_ACCOUNT, (System.nanoTime() - started) / 1e9));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int minute = 1; minute <= options.activeMinutes(); minute++) {
                long minuteStart = System.currentTimeMillis();
                List<Future<?>> sent = new ArrayList<>();
                for (Population.Account account : accounts) {
                    sent.add(senders.submit(() -> http.post(servers.apiUrl() + "/ez", Scenario.JSON,
                            Population.batch(account, ""), 200)));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                say(String.format("active stats: minute %d sent %,d points in %d ms; api-server %s", minute,
                        ACTIVE_ACCOUNTS * STATS_PER_ACCOUNT, System.currentTimeMillis() - minuteStart,
                        servers.api().memory()));
                if (minute < options.activeMinutes()) {
                    Thread.sleep(Math.max(0, 60_000 - (System.currentTimeMillis() - minuteStart)));
                }
            }
        } finally {
            senders.shutdownNow();
        }
        long rss = servers.api().rssMib();
        boolean met = rss <= 1024;
        failed |= !met;
        say(String.format("after 100,000 active stats: api-server %s: RSS %s [<= 1 GiB]", servers.api().memory(),
                met ? "met" : "MISSED"));
    }

    private String jvmOptions(String role) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(repo.resolve("scripts/jvm-options").toString(), role).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    static void recreateDatabase(String url) throws IOException, InterruptedException {
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        Process p = new ProcessBuilder("mariadb", "--protocol=tcp", "-h127.0.0.1", "-P3306", "-uroot", "-e",
                "DROP DATABASE IF EXISTS `" + database + "`").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot drop the bench database " + database);
        }
    }

    private static String describe(Wrk.Result r, Scenario s) {
        return String.format("%,10.0f req/s %,12.0f points/s  p50 %6.2f ms  p99 %6.2f ms  (%d answers as expected, %d not)",
                r.rps(), r.rps() * s.points(), r.p50Ms(), r.p99Ms(), r.expected(), r.unexpected());
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        report.add(line);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String list(List<Double> values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%.2f", v));
        }
        return out.toString();
    }

    /** Shuffles with a fixed seed, so that runs send the same requests in the same order. */
    static <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(42));
        return copy;
    }
}
