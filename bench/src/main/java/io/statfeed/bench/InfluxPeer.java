package io.statfeed.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's InfluxDB 1.6 as a peer: its WAL is fsynced on every write (wal-fsync-delay 0s, the
 * default), so a 204 from it is as durable as a 200 from Statfeed.
 */
final class InfluxPeer implements AutoCloseable {
    static final String DATABASE = "bench";
    private final Proc process;
    final String url;

    private InfluxPeer(Proc process, String url) {
        this.process = process;
        this.url = url;
    }

    static InfluxPeer start(Path dir, int httpPort, int rpcPort, Path logs) throws Exception {
        Path config = dir.resolve("influxdb.conf");
        Files.createDirectories(dir);
        Files.writeString(config, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  wal-fsync-delay = \"0s\"",
                "  query-log-enabled = false",
                "[http]",
                "  bind-address = \"127.0.0.1:" + httpPort + "\"",
                "  log-enabled = false",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  enabled = false",
                ""));
        String url = "http://127.0.0.1:" + httpPort;
        Proc process = Proc.start("influxd", List.of("influxd", "-config", config.toString()), Map.of(), dir, logs);
        process.awaitHealthy(url + "/ping");
        new Http().post(url + "/query?q=" + URLEncoder.encode("CREATE DATABASE " + DATABASE, StandardCharsets.UTF_8),
                Scenario.FORM, "", 200);
        return new InfluxPeer(process, url);
    }

    String memory() throws IOException {
        return process.memory().replaceAll(", heap.*", "");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
