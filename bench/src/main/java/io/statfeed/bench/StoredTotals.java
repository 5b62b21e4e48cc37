package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What storage holds, read through the export API as a user would: the sum of every counter of
 * the given accounts over the last two days, and the api-server's own count of acknowledged
 * points (the system account's "statfeed api points").
 */
final class StoredTotals {
    /** The export API reads at most this many stats per request. */
    private static final int IDS_PER_READ = 20;
    private static final int READERS = 8;
    static final String ACKNOWLEDGED_STAT = "statfeed api points";

    private final Http http;
    private final Population population;
    private final String webUrl;

    StoredTotals(Http http, Population population, String webUrl) {
        this.http = http;
        this.population = population;
        this.webUrl = webUrl;
    }

    /** The ids of every live stat of each account, by access token. */
    Map<String, List<String>> statIds(List<Population.Account> accounts) throws Exception {
        return inParallel(accounts, account -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode stat : population.statList(account.token())) {
                ids.add(stat.get("id").asText());
            }
            return Map.entry(account.token(), ids);
        }).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The points stored in these stats, all together. */
    long stored(Map<String, List<String>> idsByToken) throws Exception {
        List<Map.Entry<String, List<String>>> reads = new ArrayList<>();
        idsByToken.forEach((token, ids) -> {
            for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
                reads.add(Map.entry(token, ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ))));
            }
        });
        long total = 0;
        for (long part : inParallel(reads, read -> sum(read.getKey(), read.getValue()))) {
            total += part;
        }
        return total;
    }

    private long sum(String token, List<String> ids) throws IOException, InterruptedException {
        return sum(token, ids, "2d1d");
    }

    private long sum(String token, List<String> ids, String frame) throws IOException, InterruptedException {
        double total = 0;
        for (JsonNode series : http.get(webUrl + "/x/" + token + "/data/" + String.join("/", ids) + "?t=" + frame)) {
            for (JsonNode point : series.get("points")) {
                total += point.get("value").asDouble();
            }
        }
        return Math.round(total);
    }

    private static <T, R> List<R> inParallel(List<T> items, Task<T, R> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<R>> parts = new ArrayList<>();
            for (T item : items) {
                parts.add(pool.submit(() -> task.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> part : parts) {
                results.add(part.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Task<T, R> {
        R apply(T item) throws Exception;
    }

    /** The points in the account's stats at minute resolution, over the last hour. */
    long storedMinutes(Population.Account account) throws Exception {
        long total = 0;
        for (List<String> ids : statIds(List.of(account)).values()) {
            for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
                total += sum(account.token(), ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ)), "1h1m");
            }
        }
        return total;
    }

    /** The api-server's own view (its system account's stats), one line per stat: total or mean over the last hour. */
    List<String> selfMonitoring(String systemToken) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (JsonNode stat : population.statList(systemToken)) {
            JsonNode series = http.get(webUrl + "/x/" + systemToken + "/data/" + stat.get("id").asText() + "?t=1h1h");
            double value = 0;
            for (JsonNode point : series.get(0).get("points")) {
                value += point.get("value").asDouble();
            }
            lines.add(String.format("%s: %s %,.2f", stat.get("name").asText(),
                    stat.get("counter").asBoolean() ? "total" : "mean", value));
        }
        return lines;
    }

    /** The api-server's count of points it acknowledged, as its self-monitoring reported it last. */
    long acknowledged(String systemToken) throws IOException, InterruptedException {
        JsonNode stat = http.get(webUrl + "/x/" + systemToken + "/stat?name=" + Population.form(ACKNOWLEDGED_STAT));
        return sum(systemToken, List.of(stat.get("id").asText()));
    }
}
