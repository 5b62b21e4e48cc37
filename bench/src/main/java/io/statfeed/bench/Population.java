package io.statfeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's accounts and stats, made as users make them: sign-ups through the JSON API,
 * stats created by their first points through /ez, keys read back through the export API.
 */
final class Population {
    /** Names shaped like real ones: a few words, different lengths, spaces. */
    private static final String[] NAMES = {"page views", "signups", "api latency ms", "queue depth", "orders",
            "errors", "emails sent", "cache hits", "db queries", "payments usd"};
    private static final int SETUP_THREADS = 4;
    private static final int STATLIST_PAGE = 10_000;

    /** An account and its stats; {@code keys} holds each stat's per-stat key, by name. */
    record Account(int number, String ezkey, String ukey, String token, List<String> stats, Map<String, String> keys) {
    }

    private final Http http;
    private final String webUrl;
    private final String apiUrl;

    Population(Http http, String webUrl, String apiUrl) {
        this.http = http;
        this.webUrl = webUrl;
        this.apiUrl = apiUrl;
    }

    /** Signs up accounts {@code first..first+count-1}, each with {@code statsEach} counters that have one point. */
    List<Account> create(int first, int count, int statsEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        try {
            List<Future<Account>> made = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                int number = i;
                made.add(pool.submit(() -> createOne(number, statsEach)));
            }
            List<Account> accounts = new ArrayList<>();
            for (Future<Account> account : made) {
                accounts.add(account.get());
            }
            return accounts;
        } finally {
            pool.shutdownNow();
        }
    }

    private Account createOne(int number, int statsEach) throws IOException, InterruptedException {
        JsonNode signedUp = http.post(webUrl + "/api/v1/accounts", Scenario.JSON,
                "{\"email\":\"bench" + number + "-" + System.nanoTime() + "@example.com\",\"password\":\"bench-password\"}",
                201);
        List<String> stats = new ArrayList<>();
        for (int s = 0; s < statsEach; s++) {
            stats.add(NAMES[s % NAMES.length] + " " + s);
        }
        Account account = new Account(number, signedUp.get("ezkey").asText(), signedUp.get("ukey").asText(),
                signedUp.get("access_token").asText(), stats, new HashMap<>());
        http.post(apiUrl + "/ez", Scenario.JSON, batch(account, ""), 200);
        for (JsonNode stat : statList(account.token())) {
            account.keys().put(stat.get("name").asText(), stat.get("key").asText());
        }
        return account;
    }

    /** Every stat of the account (the export API pages by 10,000, as StatHat's). */
    List<JsonNode> statList(String token) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += STATLIST_PAGE) {
            JsonNode page = http.get(webUrl + "/x/" + token + "/statlist?offset=" + offset);
            page.forEach(all::add);
            if (page.size() < STATLIST_PAGE) {
                return all;
            }
        }
    }

    /** Moves every stat of the account to the trash, so that their keys name deleted stats. */
    void deleteAllStats(Account account) throws IOException, InterruptedException {
        for (JsonNode stat : statList(account.token())) {
            http.delete(webUrl + "/x/" + account.token() + "/stats/" + stat.get("id").asText());
        }
    }

    /** One point for each of the account's stats, as one JSON batch; {@code tail} goes before the closing. */
    static String batch(Account account, String tail) {
        StringBuilder body = new StringBuilder("{\"ezkey\":\"").append(account.ezkey()).append("\",\"data\":[");
        for (int i = 0; i < account.stats().size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"stat\":\"").append(account.stats().get(i))
                    .append("\",\"count\":1}");
        }
        return body.append(tail).append("]}").toString();
    }

    static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
