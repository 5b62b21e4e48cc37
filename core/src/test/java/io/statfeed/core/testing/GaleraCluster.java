package io.statfeed.core.testing;

import io.statfeed.core.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Galera cluster of {@code scripts/galera}, for the tests named *GaleraTest: they run only
 * when STATFEED_TEST_GALERA_URL names it (a multi-host URL without a database, e.g.
 * {@code jdbc:mysql://127.0.0.1:3307,127.0.0.1:3308,127.0.0.1:3309/}), and are skipped otherwise,
 * so that {@code scripts/test} needs no cluster. Nodes are numbered from 1 in the URL's order.
 */
public final class GaleraCluster {
    public static final String URL_VARIABLE = "STATFEED_TEST_GALERA_URL";
    private static final String USER = env("STATFEED_TEST_DB_USER", "root");
    private static final String PASSWORD = env("STATFEED_TEST_DB_PASSWORD", "");

    private final List<String> hosts;

    private GaleraCluster(List<String> hosts) {
        this.hosts = hosts;
    }

    /** The cluster, or the test is skipped (an assumption) when none is configured. */
    public static GaleraCluster require() {
        String url = System.getenv(URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: no Galera cluster to test on (scripts/galera start, then set it)");
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        return new GaleraCluster(Arrays.asList((slash < 0 ? rest : rest.substring(0, slash)).split(",")));
    }

    public int size() {
        return hosts.size();
    }

    /** The URL every Statfeed process uses: all nodes, in this order (failover to the first live one). */
    public String url(String schema, int... order) {
        List<String> listed = new ArrayList<>();
        if (order.length == 0) {
            listed.addAll(hosts);
        } else {
            for (int node : order) {
                listed.add(hosts.get(node - 1));
            }
        }
        return "jdbc:mysql://" + String.join(",", listed) + "/" + schema;
    }

    /** One node alone. */
    public String nodeUrl(int node, String schema) {
        return "jdbc:mysql://" + hosts.get(node - 1) + "/" + schema;
    }

    /** A new database on the cluster (made through the first live node), dropped on close. */
    public Schema create() {
        String name = "statfeed_galera_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        execute(url("", new int[0]), "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return new Schema(name);
    }

    /** A database of the cluster made for one test. */
    public final class Schema implements AutoCloseable {
        private final String name;

        private Schema(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Settings of a process on this database through the URL listing the nodes in this order (all, by default). */
        public Settings settings(Path dataDir, int... order) {
            return Settings.defaults(dataDir).withDatabaseServer(new Settings.DatabaseServer(url(name, order), USER, PASSWORD));
        }

        /** Settings of a process talking to one node only. */
        public Settings nodeSettings(Path dataDir, int node) {
            return Settings.defaults(dataDir).withDatabaseServer(new Settings.DatabaseServer(nodeUrl(node, name), USER, PASSWORD));
        }

        /** A plain JDBC connection to one node, on this database. */
        public Connection connect(int node) throws SQLException {
            return DriverManager.getConnection(nodeUrl(node, name), USER, PASSWORD);
        }

        @Override
        public void close() {
            execute(url("", new int[0]), "DROP DATABASE IF EXISTS " + name);
        }
    }

    /** A global status number of one node (e.g. wsrep_local_cert_failures). */
    public long status(int node, String variable) {
        try (Connection c = DriverManager.getConnection(nodeUrl(node, ""), USER, PASSWORD);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            return rows.next() ? Long.parseLong(rows.getString(2)) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("node " + node + ": " + e.getMessage(), e);
        }
    }

    /** kill -9 of the node's mariadbd. */
    public void kill(int node) {
        galera("kill", Integer.toString(node));
    }

    /** Starts the node again and waits until it has rejoined (IST) and is Synced. */
    public void restart(int node) {
        galera("restart", Integer.toString(node));
    }

    private static void galera(String... args) {
        Path script = script();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(script.getParent().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/galera " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** scripts/galera of this checkout: the tests run in a module's folder. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts").resolve("galera");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/galera not found above " + Path.of("").toAbsolutePath());
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Galera cluster at " + url + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
