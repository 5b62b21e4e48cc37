package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts benchmark on the product as shipped: Statfeed started by {@code scripts/run} (embedded:
 * every tier in one JVM; production: api, web and scheduler as three processes on MariaDB), its
 * mail going to an SMTP server in this process. 10,000 alerts on 10,000 stats of 100 accounts are
 * made through StatHat's alerts API; then, for a few minutes, about one stat a second, at random
 * moments of the minute, is pushed over its alert's threshold through the api-server's {@code /c},
 * and the time from that post to its mail being accepted by the SMTP server is measured. The
 * scheduler's log gives every evaluation cycle's time. Targets: a cycle at most 5 s p99; condition
 * true to mail accepted at most 70 s p99. Then 1,000 people are each sent a report of 10 stats with
 * sparklines (target: all accepted by SMTP within 60 s).
 */
public final class AlertsBench {
    static final int ACCOUNTS = 100;
    static final int STATS_EACH = 100;
    static final long CYCLE_TARGET_MS = 5_000;
    static final long MAIL_TARGET_MS = 70_000;
    private static final Pattern CYCLE = Pattern.compile("alert cycle: (\\d+) alerts, .* (\\d+) ms");
    /** An alert's mail names its stat, its recipient the account: ops+N@bench.example.com. */
    private static final Pattern SUBJECT = Pattern.compile("Alert: (.+?) — .*");
    private static final Pattern RECIPIENT = Pattern.compile("ops\\+(\\d+)@bench\\.example\\.com");
    private static final int WEB_PORT = 18180;
    private static final int API_PORT = 18181;
    private static final int THRESHOLD = 1_000;
    static final int REPORT_PEOPLE = 1_000;
    static final int REPORT_STATS = 10;
    static final long REPORT_TARGET_S = 60;
    private static final long REPORT_SETTLE_MS = 10_000;
    /** Past the last post: its minute ends, is judged at second 2 of the next, and its mail goes. */
    private static final long DRAIN_MS = 100_000;

    private final Path repo;
    private final Path work;
    private final int minutes;
    private boolean allMet = true;

    private AlertsBench(Path repo, Path work, int minutes) {
        this.repo = repo;
        this.work = work;
        this.minutes = minutes;
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        AlertsBench bench = new AlertsBench(Path.of("").toAbsolutePath(),
                Files.createTempDirectory("statfeed-bench-alerts"), minutes);
        for (String layout : System.getenv().getOrDefault("BENCH_LAYOUTS", "embedded,production").split(",")) {
            bench.run(Layout.valueOf(layout.strip().toUpperCase(Locale.ROOT)));
        }
        System.exit(bench.allMet ? 0 : 1);
    }

    private void run(Layout layout) throws Exception {
        String name = layout.name().toLowerCase(Locale.ROOT);
        say("== " + name + ": " + ACCOUNTS * STATS_EACH + " alerts, " + minutes + " minutes of conditions coming true");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Map<String, String> mail = Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                "STATFEED_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()), "STATFEED_SMTP_TLS", "none",
                "STATFEED_SMTP_FROM", "Statfeed <alerts@bench.example.com>");
        String databaseUrl = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:mysql://127.0.0.1:3306/statfeed_bench_alerts");
        if (layout == Layout.PRODUCTION) {
            IngestBench.recreateDatabase(databaseUrl);
        }
        try (Layout.Running servers = layout.start(repo, Files.createDirectories(work.resolve(name)), WEB_PORT, API_PORT,
                databaseUrl, mail, true)) {
            Http http = new Http();
            long setupStarted = System.nanoTime();
            List<Population.Account> accounts = new Population(http, servers.webUrl(), servers.apiUrl())
                    .create(0, ACCOUNTS, STATS_EACH);
            int alerts = createAlerts(http, servers.webUrl(), accounts);
            say(String.format("setup: %d accounts, %d stats, %d alerts through POST /x/TOKEN/alerts in %.0f s",
                    accounts.size(), accounts.size() * STATS_EACH, alerts, (System.nanoTime() - setupStarted) / 1e9));

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> mailedAt = new ConcurrentHashMap<>();
            Thread watcher = watchMail(smtp, mailedAt);
            long end = System.currentTimeMillis() + minutes * 60_000L;
            for (int pushed = 0; System.currentTimeMillis() < end; pushed++) {
                Population.Account account = accounts.get(pushed % accounts.size());
                String stat = pushable(account, pushed / accounts.size());
                long now = System.currentTimeMillis();
                http.post(servers.apiUrl() + "/c", Scenario.FORM, "ukey=" + Population.form(account.ukey()) + "&key="
                        + Population.form(account.keys().get(stat)) + "&count=" + (THRESHOLD * 2), 200);
                sentAt.put(account.number() + "/" + stat, now);
                Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(-300, 300));
            }
            long drained = System.currentTimeMillis() + DRAIN_MS;
            while (!mailedAt.keySet().containsAll(sentAt.keySet()) && System.currentTimeMillis() < drained) {
                Thread.sleep(500);
            }
            watcher.interrupt();
            report(servers.scheduler(), sentAt, mailedAt, smtp.getReceivedMessages().length);
            reports(http, servers, smtp);
        } finally {
            smtp.stop();
        }
    }

    /** The n-th stat of the account that carries a value alert (the kinds rotate, see {@link #alertFields}). */
    private static String pushable(Population.Account account, int n) {
        int index = (n / 16) * 20 + n % 16;
        return account.stats().get(index % STATS_EACH);
    }

    /** Every stat gets an alert, made through StatHat's alerts API, mailing ops+ACCOUNT@bench.example.com. */
    private int createAlerts(Http http, String webUrl, List<Population.Account> accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> made = new ArrayList<>();
            for (Population.Account account : accounts) {
                made.add(pool.submit(() -> {
                    int n = 0;
                    for (JsonNode stat : new Population(http, webUrl, "").statList(account.token())) {
                        int index = account.stats().indexOf(stat.get("name").asText());
                        http.post(webUrl + "/x/" + account.token() + "/alerts", Scenario.FORM, "stat_id="
                                + stat.get("id").asText() + "&email=ops%2B" + account.number() + "%40bench.example.com&"
                                + alertFields(index), 200);
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : made) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Of every 20 stats: 16 value alerts (the ones pushed over), 2 delta, 1 data and 1 anomaly alert. */
    static String alertFields(int index) {
        return switch (index % 20) {
            case 16 -> "kind=anomaly&time_window=1h";
            case 17, 18 -> "kind=delta&time_window=1h&operator=greater+than&percentage=100000&time_delta=1d";
            case 19 -> "kind=data&time_window=1w";
            default -> "kind=value&time_window=5m&operator=greater+than&threshold=" + THRESHOLD;
        };
    }

    /**
     * Notes when each alert's first mail arrived. GreenMail lists messages by mailbox, so new ones
     * may appear anywhere in the list: they are told apart by Message-ID, not by position.
     */
    private static Thread watchMail(GreenMail smtp, Map<String, Long> mailedAt) {
        Thread watcher = new Thread(() -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis();
                for (MimeMessage message : smtp.getReceivedMessages()) {
                    if (seen.add(messageId(message))) {
                        key(message).ifPresent(key -> mailedAt.putIfAbsent(key, now));
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mail-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<String> key(MimeMessage message) {
        try {
            Matcher subject = SUBJECT.matcher(message.getSubject());
            Matcher to = RECIPIENT.matcher(message.getAllRecipients()[0].toString());
            return subject.matches() && to.matches()
                    ? java.util.Optional.of(to.group(1) + "/" + subject.group(1)) : java.util.Optional.empty();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void report(Proc scheduler, Map<String, Long> sentAt, Map<String, Long> mailedAt, int mails)
            throws Exception {
        List<Long> cycles = new ArrayList<>();
        int alertsSeen = 0;
        for (String line : Files.readAllLines(scheduler.log())) {
            Matcher m = CYCLE.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) > 0) { // cycles before setup had nothing to do
                alertsSeen = Integer.parseInt(m.group(1));
                cycles.add(Long.parseLong(m.group(2)));
            }
        }
        List<Long> latencies = new ArrayList<>();
        sentAt.forEach((key, at) -> {
            Long mailed = mailedAt.get(key);
            if (mailed != null) {
                latencies.add(mailed - at);
            }
        });
        int missing = sentAt.size() - latencies.size();
        long cycleP99 = Percentile.of(cycles, 0.99);
        long mailP99 = Percentile.of(latencies, 0.99);
        boolean cycleMet = !cycles.isEmpty() && cycleP99 <= CYCLE_TARGET_MS;
        boolean mailMet = missing == 0 && !latencies.isEmpty() && mailP99 <= MAIL_TARGET_MS;
        allMet &= cycleMet && mailMet;
        say(String.format("evaluation cycles: %d over %d alerts; p50 %d ms, p99 %d ms, max %d ms [<= %d ms: %s]",
                cycles.size(), alertsSeen, Percentile.of(cycles, 0.5), cycleP99, Percentile.of(cycles, 1.0),
                CYCLE_TARGET_MS, cycleMet ? "met" : "MISSED"));
        say(String.format("condition true -> mail accepted: %d conditions, %d mailed (%d mails in all, %d missing); "
                        + "p50 %.1f s, p99 %.1f s, max %.1f s [<= %d s: %s]",
                sentAt.size(), latencies.size(), mails, missing, Percentile.of(latencies, 0.5) / 1e3, mailP99 / 1e3,
                Percentile.of(latencies, 1.0) / 1e3, MAIL_TARGET_MS / 1000, mailMet ? "met" : "MISSED"));
        say("scheduler: " + scheduler.memory());
    }

    /**
     * 1,000 people with 10 stats each that had data yesterday, each sent "a report now" through
     * {@code POST /api/v1/reports/send} (4 at a time): the same composing, drawing and sending as the
     * scheduled reports. Target: all 1,000, with their 10 sparklines, accepted by SMTP within 60 s.
     */
    private void reports(Http http, Layout.Running servers, GreenMail smtp) throws Exception {
        List<Population.Account> people = new Population(http, servers.webUrl(), servers.apiUrl())
                .create(ACCOUNTS, REPORT_PEOPLE, REPORT_STATS);
        long yesterdayNoon = (System.currentTimeMillis() / 1000 / 86_400 - 1) * 86_400 + 12 * 3_600;
        for (Population.Account person : people) {
            StringBuilder batch = new StringBuilder("{\"ezkey\":\"" + person.ezkey() + "\",\"data\":[");
            for (int i = 0; i < person.stats().size(); i++) {
                batch.append(i == 0 ? "" : ",").append("{\"stat\":\"").append(person.stats().get(i))
                        .append("\",\"count\":").append(5 + i).append(",\"t\":").append(yesterdayNoon - i * 3_600)
                        .append('}');
            }
            http.post(servers.apiUrl() + "/ez", Scenario.JSON, batch.append("]}").toString(), 200);
        }
        Thread.sleep(REPORT_SETTLE_MS); // yesterday's hour buckets reach storage (written every 5 s)
        int before = smtp.getReceivedMessages().length;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Population.Account person : people) {
                sent.add(pool.submit(() -> http.postWithToken(servers.webUrl() + "/api/v1/reports/send",
                        person.token())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        MimeMessage[] received = smtp.getReceivedMessages();
        int reports = 0;
        int sparklines = 0;
        for (MimeMessage message : received) {
            String id = messageId(message);
            if (id != null && id.startsWith("<report.")) {
                reports++;
                sparklines += Math.max(0, relatedParts(message) - 1);
            }
        }
        boolean met = reports >= REPORT_PEOPLE && seconds <= REPORT_TARGET_S;
        allMet &= met;
        say(String.format("reports: %d of %d mailed in %.1f s (%.1f per s), %.1f sparklines each [all within %d s: %s];"
                        + " %d mails before", reports, REPORT_PEOPLE, seconds, reports / seconds,
                reports == 0 ? 0.0 : (double) sparklines / reports, REPORT_TARGET_S, met ? "met" : "MISSED", before));
    }

    /** The parts of a mail's multipart/related (the HTML and its inline pictures). */
    private static int relatedParts(MimeMessage message) {
        try {
            return countRelated(message.getContent());
        } catch (Exception e) {
            return 0;
        }
    }

    private static int countRelated(Object content) throws Exception {
        if (content instanceof jakarta.mail.internet.MimeMultipart multipart) {
            if (multipart.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
                return multipart.getCount();
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                int inner = countRelated(multipart.getBodyPart(i).getContent());
                if (inner > 0) {
                    return inner;
                }
            }
        }
        return 0;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Nearest-rank percentiles of a few hundred numbers. */
    static final class Percentile {
        private Percentile() {
        }

        static long of(List<Long> values, double q) {
            if (values.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(values);
            java.util.Collections.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
        }
    }
}
