package io.statfeed.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.statfeed.core.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection pool of a process, migrated to the current schema on open. Storage is the
 * MySQL-compatible server of the settings, or else an embedded H2 database in the data folder.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Short, so that a request or flush learns quickly that storage is down and can buffer instead. */
    private static final long CONNECTION_TIMEOUT_MS = 3_000;
    /** Longest a pooled connection lives when the URL lists several hosts (HikariCP's default is 30 minutes). */
    static final long MULTI_HOST_MAX_LIFETIME_MS = 60_000;

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = dialectOf(dataSource);
        this.dsl = DSL.using(dataSource, dialect);
    }

    public static Database open(Settings settings) {
        HikariConfig config = settings.databaseServer()
                .map(Database::serverConfig)
                .orElseGet(() -> embeddedConfig(settings.dataDir()));
        config.setMaximumPoolSize(settings.databasePoolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setPoolName("statfeed");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
            Database database = new Database(dataSource);
            log.info("storage ready: {} ({})", config.getJdbcUrl(), database.dialect);
            return database;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig serverConfig(Settings.DatabaseServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.addDataSourceProperty("createDatabaseIfNotExist", "true");
        // One multi-row INSERT per bucket batch instead of a round trip per row.
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        // Statements prepared on the server, kept per connection: rows come back in the binary
        // protocol, so a week of minute buckets (10,080 rows) reads in a quarter of the time the
        // text protocol spends printing and parsing numbers, and a 1,000-row bucket upsert, once
        // prepared, is sent as values alone (scripts/bench-web, BENCHMARKS.md). The SQL limit
        // admits such a batch (~18 KB); at most 250 per connection stay prepared on the server,
        // well inside MySQL's max_prepared_stmt_count (16,382) for a few processes of 10 connections.
        config.addDataSourceProperty("useServerPrepStmts", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "32768");
        // A statement the server refuses to prepare is an error, never prepared on the client
        // instead. Galera rolls back a transaction whose rows a replicated write needs while its
        // connection is idle and answers the next command with a deadlock error: when that
        // command was a prepare, Connector/J's fallback swallowed the error and ran the statement
        // in a new transaction, so the rest of a rolled-back transaction committed without its
        // beginning (a flush's checkpoint without its buckets; IngestGaleraTest caught points
        // going missing that way).
        config.addDataSourceProperty("emulateUnsupportedPstmts", "false");
        config.addDataSourceProperty("useUnicode", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        if (isMultiHost(server.jdbcUrl())) {
            failoverTo(config);
        }
        return config;
    }

    /**
     * Several hosts (a Galera cluster's nodes): Connector/J's failover mode connects to the first
     * that answers, so every process writes through the same node while it lives. One writer
     * means no certification conflicts between processes, and Quartz's row locks
     * ({@code SELECT ... FOR UPDATE} on QRTZ_LOCKS, which Galera does not hold across nodes) and
     * Flyway's {@code GET_LOCK} are taken where everyone else takes them.
     */
    private static void failoverTo(HikariConfig config) {
        // Connector/J makes a connection that failed over to a later host read-only unless told not
        // to: the other nodes of a Galera cluster take writes as the first did.
        config.addDataSourceProperty("failOverReadOnly", "false");
        // A host that does not answer is skipped after this long (one that refuses, at once).
        config.addDataSourceProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT_MS / 2));
        // Connections are renewed at least this often, each connecting to the first live host: after
        // the first node comes back, writes return to it within a minute, which bounds the time two
        // nodes take writes at once (harmless for correctness: conflicts are retried).
        config.setMaxLifetime(MULTI_HOST_MAX_LIFETIME_MS);
        config.setKeepaliveTime(MULTI_HOST_MAX_LIFETIME_MS / 2);
    }

    /** {@code jdbc:mysql://a:3307,b:3308/db}, or a URL of Connector/J's multi-host modes. */
    static boolean isMultiHost(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int end = rest.indexOf('/');
        String hosts = end < 0 ? rest : rest.substring(0, end);
        return hosts.contains(",") || jdbcUrl.startsWith("jdbc:mysql:loadbalance:")
                || jdbcUrl.startsWith("jdbc:mysql:replication:");
    }

    private static HikariConfig embeddedConfig(Path dataDir) {
        HikariConfig config = new HikariConfig();
        // AUTO_SERVER lets tiers started as separate processes share the embedded file.
        // WRITE_DELAY=0 hands each commit to the OS at once, so a killed process loses none.
        // retry: H2's plain file channel closes, and the database with it, when a thread is
        // interrupted in the middle of a write, as Quartz and Jetty do to theirs when they stop;
        // this file system reopens the channel and writes again. The files are the same.
        config.setJdbcUrl("jdbc:h2:retry:" + dataDir.resolve("db").resolve("statfeed")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        config.setUsername("sa");
        config.setPassword("");
        return config;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static SQLDialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            if (product.startsWith("H2")) {
                return SQLDialect.H2;
            }
            // Connector/J calls MariaDB "MySQL"; only the version string tells them apart.
            return meta.getDatabaseProductVersion().contains("MariaDB") ? SQLDialect.MARIADB : SQLDialect.MYSQL;
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot reach storage to learn its dialect", e);
        }
    }
}
