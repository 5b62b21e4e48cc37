package io.statfeed.apiserver.bench;

import io.javalin.Javalin;
import io.statfeed.apiserver.ApiServer;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Bucket;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.storage.AccountStore;
import io.statfeed.core.storage.BucketStore;
import io.statfeed.core.storage.Database;
import io.statfeed.core.storage.StatStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hosts both servers for scripts/bench-ingest on a fresh database (embedded, or the MySQL of
 * STATFEED_DB_URL) and answers the script's questions on stdin:
 * {@code verify STAT EXPECTED_MIN EXPECTED_MAX} waits up to 2 s for the stat's stored total to
 * reach the range and prints how long that took.
 */
public final class BenchHost {
    private static final long VERIFY_LIMIT_MS = 2_000;

    private BenchHost() {
    }

    public static void main(String[] args) throws Exception {
        int apiPort = Integer.parseInt(args[0]);
        int barePort = Integer.parseInt(args[1]);
        Path dataDir = Files.createTempDirectory("statfeed-bench");
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("STATFEED_DATA_DIR", dataDir.toString());
        env.put("STATFEED_API_PORT", Integer.toString(apiPort));
        env.putIfAbsent("STATFEED_NEW_STATS_PER_MINUTE", "1000");
        env.putIfAbsent("STATFEED_SELF_REPORT_SECONDS", "2");
        Settings settings = Settings.from(env);
        Database database = Database.open(settings);
        AccountStore.NewSignup account = new AccountStore.NewSignup(Ids.next(), "bench" + Ids.next() + "@example.com",
                "x", Ids.next(), "ez-bench-" + Ids.next(), "uk-bench-" + Ids.next(), Ids.next(), "bench",
                "token-bench-" + Ids.next(), System.currentTimeMillis());
        new AccountStore(database).create(account);
        StatStore stats = new StatStore(database);
        Stat classic = stats.createOrGet(account.accountId(), "bench c", true, System.currentTimeMillis());

        ApiServer api = ApiServer.start(settings, database);
        Javalin bare = BareIngestServer.start(barePort);
        System.out.println("READY ezkey=" + account.ezkey() + " statkey=" + classic.key()
                + " storage=" + database.dialect());
        System.out.flush();

        BucketStore buckets = new BucketStore(database);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("verify")) {
                String name = words[1].replace('_', ' ');
                verify(stats, buckets, account.accountId(), name, Double.parseDouble(words[2]),
                        Double.parseDouble(words[3]));
            } else if (words[0].equals("system")) {
                describeSystemStats(stats, buckets);
            } else if (words[0].equals("quit")) {
                break;
            }
        }
        bare.stop();
        api.close();
        database.close();
    }

    private static void verify(StatStore stats, BucketStore buckets, long accountId, String name, double min,
                               double max) {
        long started = System.currentTimeMillis();
        double stored = 0;
        while (System.currentTimeMillis() - started <= VERIFY_LIMIT_MS) {
            stored = stats.findLive(accountId, name)
                    .map(s -> buckets.read(s.id(), Resolution.MINUTE, 0, Long.MAX_VALUE).stream()
                            .mapToDouble(Bucket::total).sum())
                    .orElse(0.0);
            if (stored >= min) {
                break;
            }
            sleep();
        }
        long took = System.currentTimeMillis() - started;
        boolean ok = stored >= min && stored <= max;
        System.out.printf("%s stat='%s' stored=%.0f acknowledged=%.0f readable_after_ms=%d%n",
                ok ? "STORED_OK" : "STORED_MISMATCH", name, stored, min, took);
        System.out.flush();
    }

    /** The api-server's own view of the run, from the system account it reports into. */
    private static void describeSystemStats(StatStore stats, BucketStore buckets) {
        for (Stat stat : stats.listLive(AccountStore.SYSTEM_ACCOUNT_ID, 0, 100)) {
            List<Bucket> minutes = buckets.read(stat.id(), Resolution.MINUTE, 0, Long.MAX_VALUE);
            long n = minutes.stream().mapToLong(Bucket::n).sum();
            double total = minutes.stream().mapToDouble(Bucket::total).sum();
            double max = minutes.stream().mapToDouble(Bucket::max).max().orElse(0);
            System.out.println(stat.counter()
                    ? String.format("SYSTEM %s: total %.0f", stat.name(), total)
                    : String.format("SYSTEM %s: mean %.3f, max %.3f over %d samples", stat.name(), n == 0 ? 0 : total / n,
                            max, n));
        }
        System.out.println("SYSTEM_END");
        System.out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
