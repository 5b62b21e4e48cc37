package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole-cluster test (issue #10), run by {@code scripts/test-cluster} after the Galera JUnit
 * tests: {@code scripts/cluster} (two of every tier behind nginx) on the three-node Galera of
 * {@code scripts/galera}, its mail going to an SMTP server in this JVM. Under a bounded load through
 * nginx (ingest from several accounts into many stats, and logged-in page views), one process of
 * each tier is killed -9 in turn and restarted, then a Galera node; a stat is deleted and an alert
 * fires and clears every minute meanwhile. Then it checks, and prints:
 * <ul>
 *   <li>every acknowledged point is stored exactly once (minute, hour and day buckets, per stat,
 *       read with JDBC): acknowledged &le; stored &le; acknowledged + ambiguous (502/504 or cut off);</li>
 *   <li>every GET through nginx succeeded (nginx retries GETs on the other web-app);</li>
 *   <li>every alert transition recorded in storage was mailed exactly once;</li>
 *   <li>a DELETE of a stat being posted to is honoured by both api-servers when it answers.</li>
 * </ul>
 * Exits 1 when a check fails. Environment: CT_DB_URL (the cluster's multi-host JDBC URL, database
 * included: dropped and made anew), CT_CLUSTER_DIR (STATFEED_CLUSTER_DIR), CT_WEB and CT_API
 * (nginx's two addresses), CT_LOAD_SECONDS (at least this long a load, 270).
 */
public final class ClusterTest {
    private static final int ACCOUNTS = 4;
    private static final int STATS_EACH = 50;
    private static final int SENDERS = 4;
    private static final int READERS = 2;
    private static final long SENDER_PAUSE_MS = 20;
    private static final long READER_PAUSE_MS = 150;
    private static final int BATCH_EVERY = 40;
    private static final int BATCH_POINTS = 10;
    private static final String ALERT_STAT = "queue depth change";
    private static final int ALERT_THRESHOLD = 50;
    private static final int ALERT_SWING = 100;
    private static final String ALERT_EMAIL = "ops@cluster-test.example.com";
    private static final Pattern MESSAGE_ID = Pattern.compile("<alert-(\\d+)-(\\d+)-mail-\\d+@");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String[] NAMES = {"page views", "signups", "api latency ms", "queue depth", "orders",
            "errors", "emails sent", "cache hits", "db queries", "payments usd"};

    private final Path repo = Path.of("").toAbsolutePath();
    private final String dbUrl = need("CT_DB_URL");
    private final Path clusterDir = Path.of(need("CT_CLUSTER_DIR")).toAbsolutePath();
    private final String web = need("CT_WEB");
    private final String api = need("CT_API");
    private final int loadSeconds = Integer.parseInt(System.getenv().getOrDefault("CT_LOAD_SECONDS", "270"));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final long t0 = System.nanoTime();
    private Map<String, String> clusterEnv;

    /** One stat's tally: points answered 200, and points whose answer was lost (502/504, cut off). */
    private static final class Tally {
        final LongAdder acked = new LongAdder();
        final LongAdder ambiguous = new LongAdder();
    }

    private record Account(int number, long id, String email, String ezkey, String ukey, String token, List<String> stats) {
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> ingestStatuses = new ConcurrentHashMap<>();
    private final LongAdder ingestRequests = new LongAdder();
    private final Map<String, LongAdder> readOk = new ConcurrentHashMap<>();
    private final List<String> readFailures = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder reads = new LongAdder();
    private final AtomicBoolean loadRunning = new AtomicBoolean(true);

    public static void main(String[] args) throws Exception {
        ClusterTest test = new ClusterTest();
        boolean passed;
        try {
            passed = test.run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("CLUSTER TEST FAILED: " + e);
            System.exit(1);
            return;
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            clusterEnv = Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                    "STATFEED_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                    "STATFEED_SMTP_TLS", "none", "STATFEED_SMTP_FROM", "Statfeed <statfeed@cluster-test.example.com>");
            recreateDatabase();
            say("starting the cluster on " + dbUrl + " (SMTP at 127.0.0.1:" + smtp.getSmtp().getPort() + ")");
            script("scripts/cluster", "start", "--db-url", dbUrl);
            return test(smtp);
        } finally {
            smtp.stop();
        }
    }

    private boolean test(GreenMail smtp) throws Exception {
        // ---------------------------------------------------------------- setup, through nginx
        List<Account> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts.add(signUp(a));
        }
        for (Account account : accounts) { // every stat made by a first JSON batch, one point each
            StringBuilder batch = new StringBuilder("{\"ezkey\":\"" + account.ezkey() + "\",\"data\":[");
            for (int s = 0; s < account.stats().size(); s++) {
                batch.append(s == 0 ? "" : ",").append("{\"stat\":\"").append(account.stats().get(s)).append("\",\"count\":1}");
            }
            HttpResponse<String> r = post(api + "/ez", "application/json", batch.append("]}").toString());
            require(r.statusCode() == 200 && r.body().contains("\"ok\""), "first batch of account " + account.number()
                    + " answered " + r.statusCode() + " " + r.body());
            account.stats().forEach(name -> tally(account, name).acked.increment());
        }
        Account owner = accounts.get(0);
        Map<String, String> apiServers = directUrls("api");
        String api2 = apiServers.get("2");
        // the alert's stat: posted to api-server 2 directly, which is never killed, so that its
        // minutes are in storage when they are judged whatever happens to api-server 1
        require(post(api2 + "/ez", "application/x-www-form-urlencoded", "ezkey=" + Population.form(owner.ezkey())
                + "&stat=" + Population.form(ALERT_STAT) + "&count=0").statusCode() == 200, "alert stat not made");
        Thread.sleep(2_000);
        Map<String, JsonNode> ownerStats = statList(owner);
        String alertStatId = ownerStats.get(ALERT_STAT).get("id").asText();
        HttpResponse<String> alert = post(web + "/x/" + owner.token() + "/alerts", "application/x-www-form-urlencoded",
                "stat_id=" + alertStatId + "&kind=value&time_window=5m&operator=greater+than&threshold="
                        + ALERT_THRESHOLD + "&email=" + Population.form(ALERT_EMAIL));
        require(alert.statusCode() == 200, "POST /x/TOKEN/alerts answered " + alert.statusCode() + " " + alert.body());
        long alertId = Http.JSON.readTree(alert.body()).path("id").asLong();
        say("alert " + alertId + ": total over 5m of '" + ALERT_STAT + "' greater than " + ALERT_THRESHOLD + ", mail to "
                + ALERT_EMAIL);
        String pageStatId = ownerStats.get(owner.stats().get(0)).get("id").asText();
        HttpClient session = logIn(owner);
        String dashboard = createDashboard(session);
        List<String> pages = List.of("/stats/" + pageStatId + "?tf=1h", "/stats/" + pageStatId + ".json?tf=1d",
                "/dashboards", dashboard, "/feed", "/stats", "/x/" + owner.token() + "/statlist",
                "/x/" + owner.token() + "/data/" + pageStatId + "?t=1h1m");
        for (String page : pages) { // all answer before the load
            HttpResponse<Void> r = session.send(get(web + page), HttpResponse.BodyHandlers.discarding());
            require(r.statusCode() / 100 == 2, "GET " + page + " answered " + r.statusCode() + " before the load");
        }
        Account victimAccount = accounts.get(1);
        String victimName = victimAccount.stats().get(4);
        JsonNode victim = statList(victimAccount).get(victimName);

        // ------------------------------------------------------------------------ the load
        say(String.format("load: %d senders through nginx (%d accounts x %d stats, /ez forms with count=1, a JSON batch"
                        + " of %d every %d posts), %d readers of %d pages, at least %d s", SENDERS, ACCOUNTS, STATS_EACH,
                BATCH_POINTS, BATCH_EVERY, READERS, pages.size(), loadSeconds));
        long loadStart = System.currentTimeMillis();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            threads.add(daemon("sender-" + i, () -> send(accounts)));
        }
        for (int i = 0; i < READERS; i++) {
            int offset = i;
            threads.add(daemon("reader-" + i, () -> read(session, pages, offset)));
        }
        List<String> alertPosts = Collections.synchronizedList(new ArrayList<>());
        threads.add(daemon("alert-driver", () -> driveAlert(api2, owner, alertPosts)));
        threads.forEach(Thread::start);

        Thread.sleep(10_000);
        deleteStat(victimAccount, victim, apiServers);
        Thread.sleep(5_000);
        killAndRestart("api", "1");
        killAndRestart("web", "1");
        killSchedulerInItsCycle();
        killAndRestart("graph", "1");
        killAndRestart("analysis", "1");
        Thread.sleep(3_000);
        say("kill -9 Galera node 2");
        script("scripts/galera", "kill", "2");
        Thread.sleep(10_000);
        script("scripts/galera", "restart", "2");
        say("Galera node 2 Synced again");
        long end = Math.max(System.currentTimeMillis() + 15_000, loadStart + loadSeconds * 1000L);
        while (System.currentTimeMillis() < end) {
            Thread.sleep(500);
        }
        loadRunning.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        say(String.format("load ended after %.0f s: %d ingest requests (%s), %d page reads", (System.currentTimeMillis()
                - loadStart) / 1e3, ingestRequests.sum(), new TreeMap<>(ingestStatuses), reads.sum()));
        alertPosts.forEach(this::say);

        // ------------------------------------------------------------------------ checks
        checkStored(accounts);
        checkReads();
        checkAlert(smtp, alertId);
        if (failures.isEmpty()) {
            say("CLUSTER TEST PASSED");
            return true;
        }
        say("CLUSTER TEST FAILED:");
        failures.forEach(f -> say("  - " + f));
        return false;
    }

    // ---------------------------------------------------------------------------- setup steps

    private Account signUp(int number) throws Exception {
        String email = "cluster" + number + "-" + System.currentTimeMillis() + "@example.com";
        HttpResponse<String> r = post(web + "/api/v1/accounts", "application/json", "{\"email\":\"" + email
                + "\",\"password\":\"cluster-password\"}");
        require(r.statusCode() == 201, "sign-up answered " + r.statusCode() + " " + r.body());
        JsonNode j = Http.JSON.readTree(r.body());
        List<String> stats = new ArrayList<>();
        for (int s = 0; s < STATS_EACH; s++) {
            stats.add(NAMES[s % NAMES.length] + " " + s);
        }
        return new Account(number, j.get("account_id").asLong(), email, j.get("ezkey").asText(), j.get("ukey").asText(),
                j.get("access_token").asText(), stats);
    }

    private Map<String, JsonNode> statList(Account account) throws Exception {
        HttpResponse<String> r = client.send(get(web + "/x/" + account.token() + "/statlist"),
                HttpResponse.BodyHandlers.ofString());
        require(r.statusCode() == 200, "statlist answered " + r.statusCode());
        Map<String, JsonNode> byName = new HashMap<>();
        Http.JSON.readTree(r.body()).forEach(s -> byName.put(s.get("name").asText(), s));
        return byName;
    }

    private HttpClient logIn(Account account) throws Exception {
        HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = session.send(get(web + "/login"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = session.send(HttpRequest.newBuilder(URI.create(web + "/login")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + Population.form(account.email()) + "&password="
                        + "cluster-password&csrf=" + Population.form(csrf(form.body())))).build(),
                HttpResponse.BodyHandlers.ofString());
        require(r.statusCode() / 100 == 3, "log-in answered " + r.statusCode());
        return session;
    }

    private String createDashboard(HttpClient session) throws Exception {
        HttpResponse<String> list = session.send(get(web + "/dashboards"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = session.send(HttpRequest.newBuilder(URI.create(web + "/dashboards")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Overview&csrf=" + Population.form(csrf(list.body()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        require(r.statusCode() / 100 == 3 && location.contains("/dashboards/"), "creating a dashboard answered "
                + r.statusCode() + " " + location);
        return location.substring(location.indexOf("/dashboards/"));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------------------- the load

    private Tally tally(Account account, String stat) {
        return tallies.computeIfAbsent(account.number() + "/" + stat, k -> new Tally());
    }

    private void send(List<Account> accounts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long n = 0; loadRunning.get(); n++) {
            Account account = accounts.get(random.nextInt(accounts.size()));
            List<String> points = new ArrayList<>();
            String body;
            String type;
            if (n % BATCH_EVERY == BATCH_EVERY - 1) {
                List<String> names = new ArrayList<>(account.stats());
                Collections.shuffle(names, random);
                points.addAll(names.subList(0, BATCH_POINTS));
                StringBuilder b = new StringBuilder("{\"ezkey\":\"" + account.ezkey() + "\",\"data\":[");
                for (int i = 0; i < points.size(); i++) {
                    b.append(i == 0 ? "" : ",").append("{\"stat\":\"").append(points.get(i)).append("\",\"count\":1}");
                }
                body = b.append("]}").toString();
                type = "application/json";
            } else {
                points.add(account.stats().get(random.nextInt(account.stats().size())));
                body = "ezkey=" + Population.form(account.ezkey()) + "&stat=" + Population.form(points.get(0)) + "&count=1";
                type = "application/x-www-form-urlencoded";
            }
            int status;
            String answer = "";
            try {
                HttpResponse<String> r = post(api + "/ez", type, body);
                status = r.statusCode();
                answer = r.body();
            } catch (IOException e) {
                status = -1; // cut off: it may have been journaled
            } catch (InterruptedException e) {
                return;
            }
            ingestRequests.increment();
            ingestStatuses.computeIfAbsent(status, k -> new LongAdder()).increment();
            boolean ok = status == 200 && (points.size() == 1 || answer.contains("\"msg\":\"ok\""));
            if (status == 200 && !ok) {
                failures.add("a batch was answered 200 but not whole: " + answer);
            }
            for (String stat : points) {
                if (ok) {
                    tally(account, stat).acked.increment();
                } else if (status == 502 || status == 504 || status == -1) {
                    tally(account, stat).ambiguous.increment();
                }
            }
            pause(SENDER_PAUSE_MS);
        }
    }

    private void read(HttpClient session, List<String> pages, int offset) {
        for (int n = offset; loadRunning.get(); n++) {
            String page = pages.get(n % pages.size());
            String key = page.replaceAll("\\d{6,}", "ID").replaceAll("/x/[^/]+/", "/x/TOKEN/");
            try {
                HttpResponse<Void> r = session.send(get(web + page), HttpResponse.BodyHandlers.discarding());
                reads.increment();
                if (r.statusCode() / 100 == 2 || r.statusCode() / 100 == 3) {
                    readOk.computeIfAbsent(key, k -> new LongAdder()).increment();
                } else {
                    readFailures.add(Instant.now() + " GET " + key + " -> " + r.statusCode());
                }
            } catch (IOException e) {
                reads.increment();
                readFailures.add(Instant.now() + " GET " + key + " -> " + e);
            } catch (InterruptedException e) {
                return;
            }
            pause(READER_PAUSE_MS);
        }
    }

    /**
     * Each minute, at second 25, +100 or -100 to the alert's counter: the 5-minute window's total then
     * alternates between 100 (over the threshold of 50) and 0 or -100, so the alert fires and clears
     * at every minute's cycle (second 2).
     */
    private void driveAlert(String api2, Account owner, List<String> log) {
        try {
            for (int k = 0; loadRunning.get(); k++) {
                sleepUntilSecondOfMinute(25);
                if (!loadRunning.get()) {
                    return;
                }
                int count = k % 2 == 0 ? ALERT_SWING : -ALERT_SWING;
                int status = -1;
                for (int attempt = 0; attempt < 3 && status != 200; attempt++) {
                    try {
                        status = post(api2 + "/ez", "application/x-www-form-urlencoded", "ezkey="
                                + Population.form(owner.ezkey()) + "&stat=" + Population.form(ALERT_STAT) + "&count="
                                + count).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    }
                }
                log.add(String.format("alert stat: %+d at %s (%d)", count, Instant.now(), status));
                Thread.sleep(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------- faults

    /**
     * Kills scheduler 1 -9 the moment it logs an alert cycle with a transition (it sends the cycle's
     * mail right after that line): between recording a transition and telling it. Quartz gives the
     * minute's cycle to either node, so this waits for up to three cycles for one run by node 1, then
     * kills it anyway.
     */
    private void killSchedulerInItsCycle() throws Exception {
        Map<String, String[]> procs = processes();
        Path log1 = Path.of(procs.get("scheduler-1")[6]);
        Path log2 = Path.of(procs.get("scheduler-2")[6]);
        for (int attempt = 1; attempt <= 3; attempt++) {
            sleepUntilSecondOfMinute(1.0);
            long from1 = Files.size(log1);
            long from2 = Files.size(log2);
            long deadline = System.currentTimeMillis() + 10_000;
            boolean other = false;
            while (System.currentTimeMillis() < deadline && !other) {
                String cycle = Files.size(log1) > from1 ? cycleLine(tail(log1, from1)) : null;
                if (cycle != null && !cycle.contains(" 0 transitions")) {
                    killAndRestart("scheduler", "1", "right after it logged \"" + cycle + "\"");
                    return;
                }
                other = cycle != null || (Files.size(log2) > from2 && cycleLine(tail(log2, from2)) != null);
                Thread.sleep(1);
            }
            if (other) {
                say("the alert cycle of " + Instant.now() + " ran on scheduler 2 or had no transition; waiting for"
                        + " the next minute's");
            }
        }
        killAndRestart("scheduler", "1", "(no cycle with a transition on scheduler 1 in three minutes)");
    }

    private static String cycleLine(String text) {
        for (String line : text.split("\n")) {
            if (line.contains("alert cycle:")) {
                return line.substring(0, Math.min(24, line.length())) + " ... "
                        + line.substring(line.indexOf("alert cycle:"));
            }
        }
        return null;
    }

    /** What the file holds past {@code from}. */
    private static String tail(Path file, long from) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] rest = new byte[(int) Math.max(0, f.length() - from)];
            f.seek(from);
            f.readFully(rest);
            return new String(rest, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void killAndRestart(String role, String index) throws Exception {
        killAndRestart(role, index, "");
    }

    private void killAndRestart(String role, String index, String when) throws Exception {
        Map<String, String[]> procs = processes();
        String[] line = procs.get(role + "-" + index);
        long pid = Long.parseLong(line[3]);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(role + " " + index
                + " (pid " + pid + ") is not running"));
        long killed = System.nanoTime();
        Instant at = Instant.now();
        handle.destroyForcibly(); // SIGKILL
        handle.onExit().get();
        say("kill -9 " + role + " " + index + " (pid " + pid + ") at " + at + (when.isEmpty() ? "" : " " + when));
        Path log = Path.of(line[6]); // the restart starts its log afresh: keep the killed process's
        Files.copy(log, log.resolveSibling(role + "-" + index + ".killed.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(5_000);
        script("scripts/cluster", "restart", role, index);
        say(String.format("%s %s running again %.1f s after its kill", role, index, (System.nanoTime() - killed) / 1e9));
        Thread.sleep(3_000);
    }

    /** processes.tsv, by ROLE-INDEX: role, index, port, pid, url, data_dir, log. */
    private Map<String, String[]> processes() throws IOException {
        Map<String, String[]> byName = new LinkedHashMap<>();
        for (String line : Files.readAllLines(clusterDir.resolve("processes.tsv"))) {
            String[] f = line.split("\t");
            if (!f[0].equals("role")) {
                byName.put(f[0] + "-" + f[1], f);
            }
        }
        return byName;
    }

    private Map<String, String> directUrls(String role) throws IOException {
        Map<String, String> urls = new TreeMap<>();
        processes().forEach((name, f) -> {
            if (f[0].equals(role)) {
                urls.put(f[1], f[4]);
            }
        });
        return urls;
    }

    /**
     * Deletes a stat the senders post to, through nginx, and then posts to its per-stat key on each
     * api-server directly until both refuse it.
     */
    private void deleteStat(Account account, JsonNode stat, Map<String, String> apiServers) throws Exception {
        String id = stat.get("id").asText();
        String key = stat.get("key").asText();
        long sent = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(web + "/x/" + account.token() + "/stats/"
                + id)).timeout(TIMEOUT).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        say(String.format("DELETE /x/TOKEN/stats/%s ('%s' of account %d, being posted to) took %.0f ms: %d %s", id,
                stat.get("name").asText(), account.number(), (answered - sent) / 1e6, r.statusCode(), r.body()));
        check(r.statusCode() == 200, "DELETE answered " + r.statusCode());
        // StatHat's answer word for word means every running api-server honours the delete; else
        // the answer names the api-servers that did not confirm it in time.
        boolean honour = !Http.JSON.readTree(r.body()).has("unconfirmed_api_servers");
        check(honour, "DELETE answered that some api-servers did not confirm it, with both up: " + r.body());
        Map<String, Long> refusedAt = new TreeMap<>();
        Map<String, String> firstAnswers = new TreeMap<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (refusedAt.size() < apiServers.size() && System.nanoTime() < deadline) {
            for (Map.Entry<String, String> server : apiServers.entrySet()) {
                if (refusedAt.containsKey(server.getKey())) {
                    continue;
                }
                HttpResponse<String> c = post(server.getValue() + "/c", "application/x-www-form-urlencoded", "key="
                        + Population.form(key) + "&ukey=" + Population.form(account.ukey()) + "&count=1");
                firstAnswers.putIfAbsent(server.getKey(), c.statusCode() + " " + c.body());
                if (c.statusCode() == 404) {
                    refusedAt.put(server.getKey(), System.nanoTime());
                } else if (c.statusCode() == 200) {
                    tally(account, stat.get("name").asText()).acked.increment(); // stored in the deleted stat
                    failures.add("api-server " + server.getKey() + " took a point for the deleted stat's key after"
                            + " the DELETE answered " + (honour ? "that every api-server honours it" : ""));
                }
            }
            if (refusedAt.size() < apiServers.size()) {
                Thread.sleep(20);
            }
        }
        for (Map.Entry<String, String> a : firstAnswers.entrySet()) {
            say("  /c with the deleted stat's key on api-server " + a.getKey() + " (" + apiServers.get(a.getKey())
                    + "), first answer: " + a.getValue().strip());
        }
        check(refusedAt.size() == apiServers.size(), "not every api-server refused the deleted stat's key within 15 s: "
                + refusedAt.keySet());
        long last = refusedAt.values().stream().mapToLong(Long::longValue).max().orElse(sent);
        say(String.format("  DELETE sent -> both api-servers refuse (404): %.0f ms (DELETE answered after %.0f ms)",
                (last - sent) / 1e6, (answered - sent) / 1e6));
    }

    // ---------------------------------------------------------------------------- checks

    /** Per stat and resolution, what the buckets hold against what was acknowledged. */
    private void checkStored(List<Account> accounts) throws Exception {
        String ids = accounts.stream().map(a -> Long.toString(a.id())).reduce((a, b) -> a + "," + b).orElseThrow();
        Map<Long, Integer> accountNumber = new HashMap<>();
        accounts.forEach(a -> accountNumber.put(a.id(), a.number()));
        // the minute buckets reach storage within about a second, hours and days five more; an
        // api-server restarted writes its journal's rest after replaying it
        Map<String, Map<String, Long>> stored = Map.of();
        long deadline = System.nanoTime() + 90_000_000_000L;
        String settled = "";
        while (System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            Map<String, Map<String, Long>> now = readStored(ids, accountNumber);
            String summary = totals(now).toString();
            if (summary.equals(settled) && agrees(now)) {
                stored = now;
                break;
            }
            settled = summary;
            stored = now;
        }
        long acked = 0;
        long ambiguous = 0;
        for (Map.Entry<String, Tally> t : tallies.entrySet()) {
            acked += t.getValue().acked.sum();
            ambiguous += t.getValue().ambiguous.sum();
        }
        Map<String, Long> totals = totals(stored);
        say(String.format("ingest: %d stats; acknowledged %d points, ambiguous %d (502/504 or cut off); stored %d in minute"
                        + " buckets, %d in hour buckets, %d in day buckets", tallies.size(), acked, ambiguous,
                totals.getOrDefault("m", 0L), totals.getOrDefault("h", 0L), totals.getOrDefault("d", 0L)));
        for (String resolution : List.of("m", "h", "d")) {
            int exact = 0;
            int withinAmbiguous = 0;
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, Tally> t : new TreeMap<>(tallies).entrySet()) {
                long a = t.getValue().acked.sum();
                long amb = t.getValue().ambiguous.sum();
                long s = stored.getOrDefault(t.getKey(), Map.of()).getOrDefault(resolution, 0L);
                if (s == a) {
                    exact++;
                } else if (s > a && s <= a + amb) {
                    withinAmbiguous++;
                } else {
                    wrong.add(String.format("%s: acknowledged %d, ambiguous %d, stored %d", t.getKey(), a, amb, s));
                }
            }
            say(String.format("  %s buckets: %d stats exactly as acknowledged, %d above by ambiguous posts only, %d wrong",
                    resolution, exact, withinAmbiguous, wrong.size()));
            wrong.stream().limit(10).forEach(w -> say("    " + w));
            check(wrong.isEmpty(), wrong.size() + " stats' " + resolution + " buckets do not hold what was acknowledged"
                    + " (first: " + (wrong.isEmpty() ? "" : wrong.get(0)) + ")");
        }
    }

    private boolean agrees(Map<String, Map<String, Long>> stored) {
        Map<String, Long> totals = totals(stored);
        return totals.getOrDefault("m", 0L).equals(totals.getOrDefault("h", -1L))
                && totals.getOrDefault("m", 0L).equals(totals.getOrDefault("d", -1L));
    }

    private static Map<String, Long> totals(Map<String, Map<String, Long>> stored) {
        Map<String, Long> totals = new TreeMap<>();
        stored.values().forEach(byRes -> byRes.forEach((r, v) -> totals.merge(r, v, Long::sum)));
        return totals;
    }

    /**
     * "NUMBER/name" -> resolution -> total, over every stat of that name (the deleted one and the one
     * a later post made anew under the same name alike), except the alert's.
     */
    private Map<String, Map<String, Long>> readStored(String accountIds, Map<Long, Integer> accountNumber)
            throws Exception {
        Map<String, Map<String, Long>> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "root", "");
             PreparedStatement q = c.prepareStatement("SELECT s.account_id, s.name, b.resolution, SUM(b.total)"
                     + " FROM stats s JOIN buckets b ON b.stat_id = s.id WHERE s.account_id IN (" + accountIds + ")"
                     + " AND s.name <> ? GROUP BY s.account_id, s.name, b.resolution")) {
            q.setString(1, ALERT_STAT);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    stored.computeIfAbsent(accountNumber.get(rs.getLong(1)) + "/" + rs.getString(2), k -> new HashMap<>())
                            .put(rs.getString(3), Math.round(rs.getDouble(4)));
                }
            }
        }
        return stored;
    }

    private void checkReads() {
        long failed = readFailures.size();
        say(String.format("web: %d GETs through nginx with a logged-in session, %d failed; by page: %s", reads.sum(),
                failed, new TreeMap<>(readOk)));
        readFailures.stream().limit(10).forEach(f -> say("    " + f));
        check(failed == 0, failed + " GETs through nginx failed (first: " + (failed == 0 ? "" : readFailures.get(0)) + ")");
    }

    /**
     * The alert's transitions in storage (snapshot), each mailed exactly once: waits until every one
     * has a mail (a message claimed by a killed scheduler goes again after its 60 s claim), then a
     * little longer for duplicates.
     */
    private void checkAlert(GreenMail smtp, long alertId) throws Exception {
        sleepUntilSecondOfMinute(12); // the cycle after the last alert post has been judged and mailed
        List<String[]> events = alertEvents(alertId);
        long deadline = System.nanoTime() + 90_000_000_000L;
        Map<String, Integer> mails = mailsByEvent(smtp, alertId);
        while (System.nanoTime() < deadline && !events.stream().allMatch(e -> mails.containsKey(e[0]))) {
            Thread.sleep(2_000);
            mails.clear();
            mails.putAll(mailsByEvent(smtp, alertId));
        }
        Thread.sleep(10_000);
        Map<String, Integer> finalMails = mailsByEvent(smtp, alertId);
        List<String[]> finalEvents = alertEvents(alertId);
        Set<String> known = new java.util.HashSet<>();
        finalEvents.forEach(e -> known.add(e[0]));
        int transitions = 0;
        int once = 0;
        List<String> wrong = new ArrayList<>();
        for (String[] e : events) {
            int n = finalMails.getOrDefault(e[0], 0);
            if (!"true".equals(e[3])) {
                transitions++;
            }
            say(String.format("  alert event %s: %s at %s%s, mailed %d time(s)", e[0], e[1], e[2],
                    "true".equals(e[3]) ? " (reminder)" : "", n));
            if (n == 1) {
                once++;
            } else {
                wrong.add("event " + e[0] + " (" + e[1] + " at " + e[2] + ") mailed " + n + " times");
            }
        }
        finalMails.forEach((event, n) -> {
            if (!known.contains(event)) {
                wrong.add("a mail for event " + event + ", which storage does not have");
            } else if (n > 1 && events.stream().noneMatch(e -> e[0].equals(event))) {
                wrong.add("event " + event + " (after the snapshot) mailed " + n + " times");
            }
        });
        String outbox = outboxSummary(alertId);
        say(String.format("alerts: %d transitions recorded (of %d events), %d mailed exactly once, %d mails in all; %s",
                transitions, events.size(), once, smtp.getReceivedMessages().length, outbox));
        wrong.forEach(w -> say("    " + w));
        check(wrong.isEmpty(), "alert notifications not exactly once: " + wrong);
        check(transitions >= 3, "the alert made only " + transitions + " transitions (expected it to fire and clear"
                + " every minute)");
    }

    private List<String[]> alertEvents(long alertId) throws Exception {
        List<String[]> events = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "root", "");
             PreparedStatement q = c.prepareStatement("SELECT id, state, happened_at, renotify FROM alert_events"
                     + " WHERE alert_id = ? ORDER BY happened_at, id")) {
            q.setLong(1, alertId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)).toString(), Boolean.toString(rs.getBoolean(4))});
                }
            }
        }
        return events;
    }

    private String outboxSummary(long alertId) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "root", "");
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*), SUM(delivered_at IS NOT NULL), SUM(attempts),"
                     + " MAX(attempts), SUM(failed_at IS NOT NULL) FROM outbox WHERE alert_id = ?")) {
            q.setLong(1, alertId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return String.format("outbox: %d messages, %d delivered, %d attempts in all (at most %d for one), %d failed",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    /** Mails of the alert, by the event id in their Message-ID (the outbox's idempotency key). */
    private static Map<String, Integer> mailsByEvent(GreenMail smtp, long alertId) throws Exception {
        Map<String, Integer> byEvent = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Matcher id = MESSAGE_ID.matcher(String.valueOf(m.getMessageID()));
            if (id.find() && Long.parseLong(id.group(1)) == alertId) {
                byEvent.merge(id.group(2), 1, Integer::sum);
            }
        }
        return byEvent;
    }

    // ---------------------------------------------------------------------------- plumbing

    private void recreateDatabase() throws Exception {
        String database = dbUrl.substring(dbUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String server = dbUrl.substring(0, dbUrl.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
        }
    }

    private void script(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).inheritIO();
        builder.environment().putAll(clusterEnv);
        builder.environment().put("STATFEED_CLUSTER_DIR", clusterDir.toString());
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private HttpResponse<String> post(String url, String type, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps until the next moment that is {@code second} seconds into a minute (UTC). */
    private static void sleepUntilSecondOfMinute(double second) throws InterruptedException {
        long now = System.currentTimeMillis();
        long target = now - now % 60_000 + (long) (second * 1000);
        if (target <= now) {
            target += 60_000;
        }
        Thread.sleep(target - now);
    }

    /** A step of the setup that must work for the rest to mean anything. */
    private static void require(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException(failure);
        }
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
            say("CHECK FAILED: " + failure);
        }
    }

    private void say(String line) {
        System.out.printf("[%5.0f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
        System.out.flush();
    }

    private static String need(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (scripts/test-cluster sets it)");
        }
        return value;
    }
}
