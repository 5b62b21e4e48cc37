package io.statfeed.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Statfeed is started for a run, exactly as its README says: the embedded default (one
 * {@code scripts/run}, every tier in one JVM) or production ({@code scripts/run api} and
 * {@code scripts/run web} as two processes on one MariaDB database).
 */
enum Layout {
    EMBEDDED, PRODUCTION;

    /**
     * The web-app's sign-ups are made cheap and unlimited so that setting up a thousand accounts
     * takes seconds; neither setting is read by the api-server.
     */
    private static final Map<String, String> SETUP_SETTINGS = Map.of(
            "STATFEED_PASSWORD_HASH_COST", "4",
            "STATFEED_SIGNUPS_PER_HOUR", "100000");

    /** The processes of one layout and where to reach them. */
    record Running(List<Proc> processes, Proc api, String webUrl, String apiUrl, Path apiDataDir, Proc scheduler)
            implements AutoCloseable {
        /** CPU seconds the layout's processes have used so far. */
        double cpuSeconds() {
            return processes.stream().mapToDouble(p -> CpuTime.ofProcess(p.pid())).sum();
        }

        @Override
        public void close() throws InterruptedException {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
        }
    }

    Running start(Path repo, Path work, int webPort, int apiPort, String databaseUrl) throws Exception {
        return start(repo, work, webPort, apiPort, databaseUrl, Map.of(), false);
    }

    /**
     * @param extraEnv   settings every process gets (mail, for instance)
     * @param scheduler  production also starts {@code scripts/run scheduler} (embedded's one JVM always runs one)
     */
    Running start(Path repo, Path work, int webPort, int apiPort, String databaseUrl, Map<String, String> extraEnv,
                  boolean scheduler) throws Exception {
        Path logs = work.resolve("logs");
        Map<String, String> env = new HashMap<>(SETUP_SETTINGS);
        env.putAll(extraEnv);
        env.put("STATFEED_WEB_PORT", Integer.toString(webPort));
        env.put("STATFEED_API_PORT", Integer.toString(apiPort));
        String webUrl = "http://127.0.0.1:" + webPort;
        String apiUrl = "http://127.0.0.1:" + apiPort;
        Path run = repo.resolve("scripts/run");
        if (this == EMBEDDED) {
            Path data = Files.createDirectories(work.resolve("embedded-data"));
            env.put("STATFEED_DATA_DIR", data.toString());
            Proc all = Proc.start("statfeed-all", List.of(run.toString()), env, repo, logs);
            all.awaitHealthy(apiUrl + "/healthz").awaitHealthy(webUrl + "/healthz");
            return new Running(List.of(all), all, webUrl, apiUrl, data, all);
        }
        env.put("STATFEED_DB_URL", databaseUrl);
        List<Proc> started = new ArrayList<>();
        Path apiData = Files.createDirectories(work.resolve("api-data"));
        Map<String, String> apiEnv = new HashMap<>(env);
        apiEnv.put("STATFEED_DATA_DIR", apiData.toString());
        Proc api = Proc.start("statfeed-api", List.of(run.toString(), "api"), apiEnv, repo, logs);
        started.add(api);
        api.awaitHealthy(apiUrl + "/healthz");
        Map<String, String> webEnv = new HashMap<>(env);
        webEnv.put("STATFEED_DATA_DIR", Files.createDirectories(work.resolve("web-data")).toString());
        Proc web = Proc.start("statfeed-web", List.of(run.toString(), "web"), webEnv, repo, logs);
        started.add(web);
        web.awaitHealthy(webUrl + "/healthz");
        if (!scheduler) {
            return new Running(started, api, webUrl, apiUrl, apiData, null);
        }
        Map<String, String> schedulerEnv = new HashMap<>(env);
        schedulerEnv.put("STATFEED_DATA_DIR", Files.createDirectories(work.resolve("scheduler-data")).toString());
        Proc node = Proc.start("statfeed-scheduler", List.of(run.toString(), "scheduler"), schedulerEnv, repo, logs);
        started.add(node);
        node.awaitLine("joined cluster");
        return new Running(started, api, webUrl, apiUrl, apiData, node);
    }
}
