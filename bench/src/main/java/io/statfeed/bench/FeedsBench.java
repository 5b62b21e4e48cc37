package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The feeds benchmark on the product as shipped: Statfeed started by {@code scripts/run} (embedded:
 * every tier in one JVM on H2; production: api, web and scheduler on MariaDB) over a population
 * written straight into its database ({@link FeedPopulation}: at scale 1, 100,000 people following
 * 50 objects each, one public stat with 100,000 followers, a million activities). Over HTTP, as
 * the people whose access tokens they are:
 * <ol>
 *   <li>a mixed phase: readers page through random people's timelines ({@code GET /api/v1/feed},
 *       first pages and {@code id_lt} pages) beside the bare {@code /healthz} of the same process;
 *       one person after another follows a stat with 150 activities of history and unfollows it,
 *       beside following a stat with none; and live streams of a followed stat's followers are
 *       open while its owner annotates it and the hot stat's owner annotates that (pushed and
 *       pulled), the time from each post to each stream's event measured;</li>
 *   <li>a fan-out burst: annotations on stats with ~900 followers each (under the push limit of
 *       1,000), two at a time, and the timeline entries they wrote (counted in the database) per
 *       second, beside annotations on stats nobody follows.</li>
 * </ol>
 * Targets (the issue): timeline read of 25 p99 at most 10 ms; fan-out at least 100,000 entries a
 * second; publish to live event p99 at most 500 ms; following an object with history p99 at most
 * 50 ms. Exits 1 when one is missed or a request fails.
 */
public final class FeedsBench {
    static final double READ_TARGET_MS = 10;
    static final double FANOUT_TARGET_PER_S = 100_000;
    static final double LIVE_TARGET_MS = 500;
    static final double FOLLOW_TARGET_MS = 50;
    static final int PAGE = 25;
    private static final int WEB_PORT = 18280;
    private static final int API_PORT = 18281;
    private static final String TEMPLATE_PASSWORD = "bench-password";
    /** Of the readers' requests, this share goes to the bare /healthz: the baseline, measured alike. */
    private static final double BASELINE_SHARE = 0.2;
    private static final double NEXT_PAGE_SHARE = 0.5;
    private static final long FOLLOW_PAUSE_MS = 100;
    private static final long PUBLISH_EVERY_MS = 1_000;
    private static final long LIVE_DRAIN_MS = 3_000;
    private static final int FANOUT_THREADS = 2;
    private static final int FANOUT_PER_STAT = 2; // well under the pull rate of 120 an hour
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path repo;
    private final Path work;
    private final double scale;
    private final int seconds = intSetting("BENCH_SECONDS", 60);
    private final int warmupSeconds = intSetting("BENCH_WARMUP", 10);
    private final int readers = intSetting("BENCH_READERS", 2);
    private final int streamsWanted = intSetting("BENCH_STREAMS", 200);
    private final int fanoutPublishes = intSetting("BENCH_FANOUT_PUBLISHES", 1_000);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final Map<String, Map<String, String>> table = new LinkedHashMap<>();
    private boolean allMet = true;

    private FeedsBench(Path repo, Path work, double scale) {
        this.repo = repo;
        this.work = work;
        this.scale = scale;
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("scale must be above 0 and at most 10, got " + args[0]);
        }
        FeedsBench bench = new FeedsBench(Path.of("").toAbsolutePath(), Files.createTempDirectory("statfeed-bench-feeds"),
                scale);
        List<String> layouts = new ArrayList<>();
        for (String layout : System.getenv().getOrDefault("BENCH_LAYOUTS", "embedded,production").split(",")) {
            Layout l = Layout.valueOf(layout.strip().toUpperCase(Locale.ROOT));
            bench.run(l);
            layouts.add(l.name().toLowerCase(Locale.ROOT));
        }
        bench.printTable(layouts);
        System.exit(bench.allMet ? 0 : 1);
    }

    private void run(Layout layout) throws Exception {
        String name = layout.name().toLowerCase(Locale.ROOT);
        Path dir = Files.createDirectories(work.resolve(name));
        String databaseUrl = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:mysql://127.0.0.1:3306/statfeed_bench_feeds");
        FeedPopulation population = new FeedPopulation(scale, 42, System.currentTimeMillis());
        say(String.format("== %s: %,d people, %,d activities, %,d followed stats of ~%d followers, scale %s", name,
                population.people, population.activities, population.followable, FeedPopulation.TARGET_FOLLOWERS, scale));
        if (layout == Layout.PRODUCTION) {
            IngestBench.recreateDatabase(databaseUrl);
        }
        String template = "feeds-template-" + System.nanoTime() + "@bench.example.com";
        try (Layout.Running first = layout.start(repo, dir, WEB_PORT, API_PORT, databaseUrl, Map.of(), true)) {
            // Migrates the schema, and makes the person whose password hash and token name the others copy.
            new Http().post(first.webUrl() + "/api/v1/accounts", Scenario.JSON,
                    "{\"email\":\"" + template + "\",\"password\":\"" + TEMPLATE_PASSWORD + "\"}", 201);
        }
        String jdbcUrl = layout == Layout.EMBEDDED
                ? "jdbc:h2:retry:" + dir.resolve("embedded-data").resolve("db").resolve("statfeed")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0" // core's Database.embeddedConfig
                : databaseUrl + "?rewriteBatchedStatements=true";
        String dbUser = layout == Layout.EMBEDDED ? "sa" : "root";
        population.plan();
        FeedPopulation.Written written = population.write(jdbcUrl, dbUser, "", template);
        say(String.format("population: %,d rows (%,d follows, %,d timeline entries, longest timeline %d) written over "
                + "JDBC in %.0f s", written.rows(), written.follows(), written.timelineEntries(), written.maxTimeline(),
                written.seconds()));
        Map<String, String> column = new LinkedHashMap<>();
        table.put(name, column);
        column.put("population written", String.format("%,d rows in %.0f s", written.rows(), written.seconds()));
        try (Layout.Running servers = layout.start(repo, dir, WEB_PORT, API_PORT, databaseUrl, Map.of(), true)) {
            mixed(servers.webUrl(), population, column);
            fanout(servers.webUrl(), population, jdbcUrl, dbUser, column);
            say("web-app: " + servers.processes().get(layout == Layout.EMBEDDED ? 0 : 1).memory());
        }
    }

    /** Reads, follows and live streams at once, for {@link #seconds}. */
    private void mixed(String webUrl, FeedPopulation population, Map<String, String> column) throws Exception {
        Samples first = new Samples("timeline, first page");
        Samples next = new Samples("timeline, id_lt page");
        Samples bare = new Samples("bare /healthz");
        Samples follow = new Samples("follow, 150 of history");
        Samples followBare = new Samples("follow, no history");
        Samples unfollow = new Samples("unfollow (history stat)");
        Samples posts = new Samples("annotation POST");
        AtomicInteger shortPages = new AtomicInteger();
        say("load average before the warm-up: " + loadAverage());
        read(webUrl, population, warmupSeconds, new Samples("w"), new Samples("w"), new Samples("w"), shortPages);
        shortPages.set(0);
        String loadBefore = loadAverage();

        int live = population.firstFollowable(); // a pushed stat whose followers keep their timeline open
        int[] followers = population.statFollowers[live];
        List<String> streamTokens = new ArrayList<>();
        for (int i = 0; i < Math.min(streamsWanted, followers.length); i++) {
            streamTokens.add(population.tokens[followers[i]]);
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, String> kindOf = new ConcurrentHashMap<>();
        try (LiveFollowers streams = new LiveFollowers(webUrl, streamTokens)) {
            say(String.format("mixed: %d readers, 1 follower, %d live streams open, %d s", readers, streams.size(), seconds));
            long deadline = System.currentTimeMillis() + seconds * 1000L;
            Thread follows = thread("follows", () -> followLoop(webUrl, population, deadline, follow, followBare, unfollow));
            Thread publisher = thread("publisher", () -> {
                for (int n = 0; System.currentTimeMillis() < deadline; n++) {
                    int stat = n % 2 == 0 ? live : population.hotStat;
                    long t0 = System.nanoTime();
                    String id = annotate(webUrl, population, stat, "live " + n, posts);
                    if (id != null) {
                        sentAt.put("annotation:" + id, t0);
                        kindOf.put("annotation:" + id, stat == live ? "pushed" : "pulled");
                    }
                    pause(PUBLISH_EVERY_MS);
                }
            });
            read(webUrl, population, seconds, first, next, bare, shortPages);
            follows.join();
            publisher.join();
            String loadAfter = loadAverage();
            say("load average after the warm-up " + loadBefore + ", after the mixed phase " + loadAfter);
            column.put("load average (1, 5, 15 min) before / after the mixed phase", loadBefore + " / " + loadAfter);
            Thread.sleep(LIVE_DRAIN_MS);
            Samples pushed = new Samples("post -> live event, pushed stat");
            Samples pulled = new Samples("post -> live event, pulled (hot) stat");
            int missing = 0;
            for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
                List<Long> got = streams.arrivals.getOrDefault(sent.getKey(), List.of());
                Samples into = kindOf.get(sent.getKey()).equals("pushed") ? pushed : pulled;
                synchronized (got) {
                    got.forEach(at -> into.add(at - sent.getValue()));
                    missing += Math.max(0, streams.size() - got.size());
                }
            }
            for (Samples s : List.of(pushed, pulled)) {
                say("  " + s.describe());
            }
            double liveP99 = Math.max(pushed.ms(0.99), pulled.ms(0.99));
            boolean liveMet = missing == 0 && pushed.count() > 0 && pulled.count() > 0 && liveP99 <= LIVE_TARGET_MS;
            allMet &= liveMet;
            say(String.format("publish -> live event: %d posts x %d streams, %d events missing; p99 %.1f ms "
                            + "(%.0fx the post's own p99 of %.1f ms) [<= %.0f ms: %s]", sentAt.size(), streams.size(),
                    missing, liveP99, liveP99 / posts.ms(0.99), posts.ms(0.99), LIVE_TARGET_MS, liveMet ? "met" : "MISSED"));
            column.put("publish -> live event p50 / p99 (pushed; pulled)", String.format("%.1f / %.1f ms; %.1f / %.1f ms, "
                    + "%d missing", pushed.ms(0.5), pushed.ms(0.99), pulled.ms(0.5), pulled.ms(0.99), missing));
            column.put("  its post's own p50 / p99 (baseline)", String.format("%.1f / %.1f ms", posts.ms(0.5), posts.ms(0.99)));
            column.put("  target <= 500 ms p99", liveMet ? "met" : "MISSED");
        }

        for (Samples s : List.of(first, next, bare, follow, followBare, unfollow, posts)) {
            say("  " + s.describe());
        }
        double readP99 = Math.max(first.ms(0.99), next.ms(0.99));
        int readFailures = first.failures() + next.failures() + bare.failures();
        boolean readMet = readFailures == 0 && first.count() > 0 && readP99 <= READ_TARGET_MS;
        allMet &= readMet;
        say(String.format("timeline read of %d: p50 %.2f ms, p99 %.2f ms (first pages; id_lt pages %.2f / %.2f ms), "
                        + "%.1fx / %.1fx the bare /healthz's p50 %.2f / p99 %.2f ms; %d short first pages [<= %.0f ms p99: %s]",
                PAGE, first.ms(0.5), first.ms(0.99), next.ms(0.5), next.ms(0.99), first.ms(0.5) / bare.ms(0.5),
                first.ms(0.99) / bare.ms(0.99), bare.ms(0.5), bare.ms(0.99), shortPages.get(), READ_TARGET_MS,
                readMet ? "met" : "MISSED"));
        column.put("timeline read of 25, first page p50 / p99", String.format("%.2f / %.2f ms (%,d reads)", first.ms(0.5),
                first.ms(0.99), first.count()));
        column.put("  id_lt page p50 / p99", String.format("%.2f / %.2f ms (%,d reads)", next.ms(0.5), next.ms(0.99),
                next.count()));
        column.put("  bare /healthz p50 / p99 (baseline); ratio of p99s", String.format("%.2f / %.2f ms; %.1fx",
                bare.ms(0.5), bare.ms(0.99), readP99 / bare.ms(0.99)));
        column.put("  target <= 10 ms p99", readMet ? "met" : "MISSED");

        int followFailures = follow.failures() + followBare.failures() + unfollow.failures();
        boolean followMet = followFailures == 0 && follow.count() > 0 && follow.ms(0.99) <= FOLLOW_TARGET_MS;
        allMet &= followMet;
        say(String.format("follow with history: p50 %.2f ms, p99 %.2f ms (%.1fx following a stat without history, "
                        + "p99 %.2f ms); unfollow p99 %.2f ms; %d failures [<= %.0f ms p99: %s]", follow.ms(0.5),
                follow.ms(0.99), follow.ms(0.99) / followBare.ms(0.99), followBare.ms(0.99), unfollow.ms(0.99),
                followFailures, FOLLOW_TARGET_MS, followMet ? "met" : "MISSED"));
        column.put("follow a stat with history (copies 100) p50 / p99", String.format("%.2f / %.2f ms (%,d follows)",
                follow.ms(0.5), follow.ms(0.99), follow.count()));
        column.put("  follow without history p99 (baseline); ratio", String.format("%.2f ms; %.1fx", followBare.ms(0.99),
                follow.ms(0.99) / followBare.ms(0.99)));
        column.put("  unfollow p99", String.format("%.2f ms", unfollow.ms(0.99)));
        column.put("  target <= 50 ms p99", followMet ? "met" : "MISSED");
    }

    /** Closed-loop readers over random people's timelines, a share of requests to /healthz. */
    private void read(String webUrl, FeedPopulation population, int forSeconds, Samples first, Samples next, Samples bare,
                      AtomicInteger shortPages) throws Exception {
        long deadline = System.currentTimeMillis() + forSeconds * 1000L;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                done.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.currentTimeMillis() < deadline) {
                        if (random.nextDouble() < BASELINE_SHARE) {
                            timed(get(webUrl + "/healthz", null), 200, bare);
                            continue;
                        }
                        String token = population.tokens[random.nextInt(population.people)];
                        JsonNode page = timed(get(webUrl + "/api/v1/feed?limit=" + PAGE, token), 200, first);
                        if (page == null) {
                            continue;
                        }
                        if (page.get("activities").size() < PAGE) {
                            shortPages.incrementAndGet();
                        }
                        JsonNode cursor = page.get("next");
                        if (cursor != null && !cursor.isNull() && random.nextDouble() < NEXT_PAGE_SHARE) {
                            timed(get(webUrl + "/api/v1/feed?limit=" + PAGE + "&id_lt=" + cursor.asText(), token), 200, next);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Random people follow a random archive stat (150 activities) and unfollow it, then the same with a bare stat. */
    private void followLoop(String webUrl, FeedPopulation population, long deadline, Samples follow, Samples followBare,
                            Samples unfollow) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.currentTimeMillis() < deadline) {
            String token = population.tokens[random.nextInt(population.people)];
            long archive = population.statIds[population.firstArchive() + random.nextInt(population.archive)];
            long quiet = population.statIds[population.firstBare() + random.nextInt(population.bare)];
            timed(post(webUrl + "/api/v1/follows", token, "{\"type\":\"stat\",\"id\":\"" + archive + "\"}"), 201, follow);
            timed(delete(webUrl + "/api/v1/follows/stat/" + archive, token), 204, unfollow);
            timed(post(webUrl + "/api/v1/follows", token, "{\"type\":\"stat\",\"id\":\"" + quiet + "\"}"), 201, followBare);
            timed(delete(webUrl + "/api/v1/follows/stat/" + quiet, token), 204, new Samples("unfollow bare"));
            pause(FOLLOW_PAUSE_MS);
        }
    }

    /**
     * Annotations on the followed stats (~900 followers each, pushed), {@link #FANOUT_THREADS} at a
     * time, and the timeline entries they wrote per second; first the same on stats nobody follows.
     */
    private void fanout(String webUrl, FeedPopulation population, String jdbcUrl, String dbUser,
                        Map<String, String> column) throws Exception {
        List<Integer> quiet = new ArrayList<>();
        for (int i = 0; i < Math.min(fanoutPublishes, population.bare * FANOUT_PER_STAT); i++) {
            quiet.add(population.firstBare() + i % population.bare);
        }
        List<Integer> followed = new ArrayList<>();
        int stats = population.followable - 1; // the live phase's stat had its share
        for (int i = 0; i < Math.min(fanoutPublishes, stats * FANOUT_PER_STAT); i++) {
            followed.add(population.firstFollowable() + 1 + i % stats);
        }
        Samples baseline = new Samples("annotation on a stat nobody follows");
        burst(webUrl, population, quiet, baseline);
        Samples pushes = new Samples("annotation on a stat with ~900 followers");
        List<String> ids = new ArrayList<>();
        double wall = burst(webUrl, population, followed, pushes, ids);
        String foreignIds = ids.stream().map(id -> "'annotation:" + id + "'").collect(Collectors.joining(","));
        long entries = ids.isEmpty() ? 0 : FeedPopulation.count(jdbcUrl, dbUser, "", "SELECT COUNT(*) FROM timeline_entries e "
                + "JOIN activities a ON a.id = e.activity_id WHERE a.foreign_id IN (" + foreignIds + ")");
        double rate = entries / wall;
        boolean met = pushes.failures() == 0 && baseline.failures() == 0 && rate >= FANOUT_TARGET_PER_S;
        allMet &= met;
        say("  " + baseline.describe());
        say("  " + pushes.describe());
        say(String.format("fan-out: %,d annotations, %d at a time, wrote %,d timeline entries (%.0f each) in %.2f s: "
                        + "%,.0f entries/s; a post's p50 %.1fx that on a stat nobody follows [>= %,.0f/s: %s]",
                ids.size(), FANOUT_THREADS, entries, (double) entries / Math.max(1, ids.size()), wall, rate,
                pushes.ms(0.5) / baseline.ms(0.5), FANOUT_TARGET_PER_S, met ? "met" : "MISSED"));
        column.put("fan-out: timeline entries written per second", String.format("%,.0f (%,d entries by %,d posts in %.1f s)",
                rate, entries, ids.size(), wall));
        column.put("  post p50 / p99 (~900 followers)", String.format("%.1f / %.1f ms", pushes.ms(0.5), pushes.ms(0.99)));
        column.put("  post p50 / p99, nobody following (baseline); ratio of p50s", String.format("%.1f / %.1f ms; %.1fx",
                baseline.ms(0.5), baseline.ms(0.99), pushes.ms(0.5) / baseline.ms(0.5)));
        column.put("  target >= 100,000/s", met ? "met" : "MISSED");
    }

    private double burst(String webUrl, FeedPopulation population, List<Integer> stats, Samples into) throws Exception {
        return burst(webUrl, population, stats, into, new ArrayList<>());
    }

    /** Posts an annotation on each of the stats, {@link #FANOUT_THREADS} at a time; the wall time in seconds. */
    private double burst(String webUrl, FeedPopulation population, List<Integer> stats, Samples into, List<String> ids)
            throws Exception {
        AtomicInteger nextIndex = new AtomicInteger();
        List<String> made = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(FANOUT_THREADS);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < FANOUT_THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = nextIndex.getAndIncrement()) < stats.size(); ) {
                        String id = annotate(webUrl, population, stats.get(i), "fan-out " + i, into);
                        if (id != null) {
                            made.add(id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ids.addAll(made);
        return (System.nanoTime() - started) / 1e9;
    }

    /** The stat's owner annotates it; the annotation's id, or null when the post failed. */
    private String annotate(String webUrl, FeedPopulation population, int stat, String text, Samples into) {
        String token = population.tokens[population.statOwner[stat]];
        JsonNode made = timed(post(webUrl + "/api/v1/stats/" + population.statIds[stat] + "/annotations", token,
                "{\"text\":\"" + text + "\"}"), 201, into);
        return made == null ? null : made.get("id").asText();
    }

    private HttpRequest get(String url, String token) {
        return authorised(HttpRequest.newBuilder(URI.create(url)), token).GET().build();
    }

    private HttpRequest post(String url, String token, String json) {
        return authorised(HttpRequest.newBuilder(URI.create(url)), token).header("Content-Type", Scenario.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest delete(String url, String token) {
        return authorised(HttpRequest.newBuilder(URI.create(url)), token).DELETE().build();
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder builder, String token) {
        builder.timeout(TIMEOUT);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Sends, times from the send to the last byte, and parses; null (a failure counted) on an unexpected answer. */
    private JsonNode timed(HttpRequest request, int expected, Samples into) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (answer.statusCode() != expected) {
                into.fail();
                if (into.failures() <= 3) {
                    say("  unexpected: " + request.method() + " " + request.uri().getPath() + " answered "
                            + answer.statusCode() + ": " + answer.body());
                }
                return null;
            }
            into.add(took);
            return answer.body().isEmpty() || !answer.body().startsWith("{") ? Http.JSON.nullNode()
                    : Http.JSON.readTree(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            into.fail();
            return null;
        } catch (Exception e) {
            into.fail();
            say("  failed: " + request.method() + " " + request.uri().getPath() + ": " + e);
            return null;
        }
    }

    private void printTable(List<String> layouts) {
        say("");
        StringBuilder header = new StringBuilder("| measure |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String layout : layouts) {
            header.append(' ').append(layout).append(" |");
            rule.append(" --- |");
        }
        say(header.toString());
        say(rule.toString());
        for (String measure : table.get(layouts.get(0)).keySet()) {
            StringBuilder row = new StringBuilder("| " + measure + " |");
            for (String layout : layouts) {
                row.append(' ').append(table.get(layout).getOrDefault(measure, "")).append(" |");
            }
            say(row.toString());
        }
    }

    /** The machine's load (other work on it shows in every figure): /proc/loadavg's first three numbers. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int intSetting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
