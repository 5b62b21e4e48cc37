package io.statfeed.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of every tier, read from the environment in one place and validated before
 * anything starts. Immutable: a running process never sees its settings change.
 */
public record Settings(
        Path dataDir,
        int webPort,
        int apiPort,
        Optional<DatabaseServer> databaseServer,
        int databasePoolSize,
        Ingest ingest,
        Accounts accounts,
        AppServers appServers,
        Optional<URI> publicUrl,
        Optional<URI> publicApiUrl,
        Mail mail,
        Webhooks webhooks,
        Retention retention,
        Feeds feeds,
        List<AddressBlock> trustedProxies) {

    /** A MySQL-compatible server to use instead of the embedded database. */
    public record DatabaseServer(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "DatabaseServer[" + jdbcUrl + ", user=" + user + "]";
        }
    }

    /**
     * How the api-server takes data: how often minute buckets and (less often) hour and day
     * buckets go to storage, how much it holds while storage lags, how many stats an account may
     * create a minute, how often it reports its own health.
     */
    public record Ingest(Duration flushInterval, Duration coarseFlushInterval, int bufferLimit, int newStatsPerMinute,
                         Duration selfReportInterval) {
        public Ingest {
            requireRange("STATFEED_FLUSH_INTERVAL_MS", flushInterval.toMillis(), 10, MAX_FLUSH_INTERVAL_MS);
            requireRange("STATFEED_COARSE_FLUSH_INTERVAL_MS", coarseFlushInterval.toMillis(), 10,
                    MAX_COARSE_FLUSH_INTERVAL_MS);
            requireRange("STATFEED_INGEST_BUFFER_LIMIT", bufferLimit, 1_000, 100_000_000);
            requireRange("STATFEED_NEW_STATS_PER_MINUTE", newStatsPerMinute, 1, 1_000_000);
            requireRange("STATFEED_SELF_REPORT_SECONDS", selfReportInterval.toSeconds(), 1, 3_600);
        }

        public Ingest withLimits(int buffer, int newStats) {
            return new Ingest(flushInterval, coarseFlushInterval, buffer, newStats, selfReportInterval);
        }

        public Ingest withCoarseFlushInterval(Duration interval) {
            return new Ingest(flushInterval, interval, bufferLimit, newStatsPerMinute, selfReportInterval);
        }

        public Ingest withSelfReportInterval(Duration interval) {
            return new Ingest(flushInterval, coarseFlushInterval, bufferLimit, newStatsPerMinute, interval);
        }
    }

    /** People's accounts on the web-app: how passwords are hashed, how many sign-ups one address may make. */
    public record Accounts(int passwordHashCost, int signupsPerHour) {
        public Accounts {
            requireRange("STATFEED_PASSWORD_HASH_COST", passwordHashCost, 4, 31);
            requireRange("STATFEED_SIGNUPS_PER_HOUR", signupsPerHour, 1, 1_000_000);
        }
    }

    /**
     * Where the graph and analysis app-servers run. An empty replica list means in-process, the
     * one-command default; the ports are what {@code scripts/run graph|analysis} listens on.
     */
    public record AppServers(List<HostPort> graphServers, List<HostPort> analysisServers,
                             int graphPort, int analysisPort, Duration rpcTimeout) {
        public AppServers {
            graphServers = List.copyOf(graphServers);
            analysisServers = List.copyOf(analysisServers);
            requireRange("STATFEED_GRAPH_PORT", graphPort, 0, 65_535);
            requireRange("STATFEED_ANALYSIS_PORT", analysisPort, 0, 65_535);
            requireRange("STATFEED_RPC_TIMEOUT_MS", rpcTimeout.toMillis(), 50, 60_000);
        }

        public AppServers withReplicas(List<HostPort> graph, List<HostPort> analysis) {
            return new AppServers(graph, analysis, graphPort, analysisPort, rpcTimeout);
        }

        public AppServers withPorts(int graph, int analysis) {
            return new AppServers(graphServers, analysisServers, graph, analysis, rpcTimeout);
        }
    }

    /**
     * How mail leaves: through an SMTP server when a host is set, otherwise as {@code .eml} files
     * under {@code DATA_DIR/outbox}, so a fresh install shows what it would have sent.
     * The password never appears in {@link #toString()}.
     */
    public record Mail(Optional<String> smtpHost, int smtpPort, MailTls tls, Optional<String> smtpUser,
                       Optional<String> smtpPassword, String from) {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|[0-9A-Fa-f:.]+");
        private static final String ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?";
        /** {@code a@b} or {@code Display Name <a@b>}; channels parses it again with Jakarta Mail. */
        private static final Pattern FROM = Pattern.compile(
                "(?:\"?[^<>\"\\p{Cntrl}]*\"?\\s*)<" + ADDRESS + ">|" + ADDRESS);

        public Mail {
            smtpHost.ifPresent(host -> {
                if (!HOST.matcher(host).matches()) {
                    throw new ConfigException("STATFEED_SMTP_HOST must be a host name or IP address, got '" + host + "'");
                }
            });
            requireRange("STATFEED_SMTP_PORT", smtpPort, 1, 65_535);
            if (smtpUser.isPresent() && smtpHost.isEmpty()) {
                throw new ConfigException("STATFEED_SMTP_USER is set but STATFEED_SMTP_HOST is not; "
                        + "without a host mail is written to files and nobody logs in");
            }
            if (smtpPassword.isPresent() && smtpUser.isEmpty()) {
                throw new ConfigException("STATFEED_SMTP_PASSWORD is set but STATFEED_SMTP_USER is not");
            }
            if (!FROM.matcher(from).matches()) {
                throw new ConfigException("STATFEED_SMTP_FROM must be a mail address such as "
                        + "'Statfeed <statfeed@example.com>', got '" + from + "'");
            }
        }

        @Override
        public String toString() {
            return smtpHost.map(host -> "Mail[smtp " + host + ":" + smtpPort + ", tls=" + tls
                            + smtpUser.map(user -> ", user=" + user).orElse("") + ", from=" + from + "]")
                    .orElse("Mail[.eml files, from=" + from + "]");
        }
    }

    /**
     * How the SMTP connection is protected: {@code STARTTLS} upgrades a plain connection and is
     * required once chosen (never a silent fall-back to plain text); {@code TLS} is TLS from the
     * first byte (SMTPS); {@code NONE} is for a relay on the same machine or network.
     */
    public enum MailTls {
        NONE(25), STARTTLS(587), TLS(465);

        private final int defaultPort;

        MailTls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port of the IANA assignment for each mode: submission 587, submissions 465, plain 25. */
        public int defaultPort() {
            return defaultPort;
        }

        static MailTls parse(String variable, String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "starttls" -> STARTTLS;
                case "tls" -> TLS;
                default -> throw new ConfigException(variable + " must be one of none, starttls, tls, got '" + text + "'");
            };
        }
    }

    /**
     * Webhooks: whether they may point into private networks (off: a URL someone types must not
     * reach the metadata service or the database) and how long one call may take.
     */
    public record Webhooks(boolean allowPrivate, Duration timeout) {
        public Webhooks {
            // at most half the outbox's 60 s claim, so no other scheduler takes a call still under way
            requireRange("STATFEED_WEBHOOK_TIMEOUT_MS", timeout.toMillis(), 100, 30_000);
        }
    }

    /**
     * Feeds: a feed with more than {@code fanoutLimit} followers, or more than {@code pullRatePerHour}
     * activities in an hour, is merged into timelines at read time instead of pushed on write; a
     * timeline keeps its newest {@code timelineLength} entries (older pages are read from the
     * followed feeds); a new follow copies the feed's {@code followHistory} newest activities.
     */
    public record Feeds(int fanoutLimit, int pullRatePerHour, int timelineLength, int followHistory) {
        public Feeds {
            requireRange("STATFEED_FEED_FANOUT_LIMIT", fanoutLimit, 0, 1_000_000);
            requireRange("STATFEED_FEED_PULL_RATE", pullRatePerHour, 1, 1_000_000);
            requireRange("STATFEED_TIMELINE_LENGTH", timelineLength, 100, 1_000_000);
            requireRange("STATFEED_FOLLOW_HISTORY", followHistory, 0, 10_000);
        }

        public io.statfeed.core.model.feeds.FanoutPolicy policy() {
            return new io.statfeed.core.model.feeds.FanoutPolicy(fanoutLimit, pullRatePerHour);
        }
    }

    /**
     * How long stored buckets are kept: minute buckets for {@code minutes}, hour buckets for
     * {@code hours}, day buckets forever. Hours stand in for minutes once these are gone (and days
     * for hours), so hours are kept at least as long as minutes.
     */
    public record Retention(Duration minutes, Duration hours) {
        public Retention {
            requireRange("STATFEED_RETAIN_MINUTES_DAYS", minutes.toDays(), MIN_RETAIN_DAYS, MAX_RETAIN_DAYS);
            requireRange("STATFEED_RETAIN_HOURS_DAYS", hours.toDays(), MIN_RETAIN_DAYS, MAX_RETAIN_DAYS);
            if (hours.compareTo(minutes) < 0) {
                throw new ConfigException("STATFEED_RETAIN_HOURS_DAYS must be at least STATFEED_RETAIN_MINUTES_DAYS ("
                        + minutes.toDays() + "), got " + hours.toDays()
                        + ": hour buckets stand in for the minute buckets that are gone");
            }
        }

        /** The defaults: a month of minutes, two years of hours. */
        public static Retention defaults() {
            return new Retention(Duration.ofDays(DEFAULT_RETAIN_MINUTES_DAYS), Duration.ofDays(DEFAULT_RETAIN_HOURS_DAYS));
        }
    }

    /** One replica of an app-server. */
    public record HostPort(String host, int port) {
        private static final Pattern FORM = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+]):([0-9]{1,5})");

        static HostPort parse(String variable, String text) {
            Matcher m = FORM.matcher(text.strip());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
                throw new ConfigException(variable + " must be a comma-separated list of host:port, got '" + text + "'");
            }
            return new HostPort(m.group(1), Integer.parseInt(m.group(2)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static final int DEFAULT_WEB_PORT = 8080;
    public static final int DEFAULT_GRAPH_PORT = 8091;
    public static final int DEFAULT_ANALYSIS_PORT = 8092;
    /** A graph renders in milliseconds; two seconds leaves room for a cold JVM without hanging a page. */
    public static final int DEFAULT_RPC_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_API_PORT = 8081;
    public static final int DEFAULT_POOL_SIZE = 10;
    /**
     * A second: each flush writes a row per active stat whatever the rate, so with 10,000 stats
     * in use storage's work halves from 500 ms, and data is still readable within about a second.
     */
    public static final int DEFAULT_FLUSH_INTERVAL_MS = 1_000;
    /** The product promises data is in storage within about a second of being acknowledged. */
    public static final int MAX_FLUSH_INTERVAL_MS = 1_000;
    /** Hour and day buckets lag minutes by a few seconds; at most a minute. */
    public static final int DEFAULT_COARSE_FLUSH_INTERVAL_MS = 5_000;
    public static final int MAX_COARSE_FLUSH_INTERVAL_MS = 60_000;
    public static final int DEFAULT_INGEST_BUFFER_LIMIT = 1_000_000;
    public static final int DEFAULT_NEW_STATS_PER_MINUTE = 100;
    /** bcrypt cost: 2^12 rounds take about a quarter second, the usual balance for logins. */
    public static final int DEFAULT_PASSWORD_HASH_COST = 12;
    public static final int DEFAULT_SELF_REPORT_SECONDS = 10;
    /** Sign-ups one client address may make an hour: a team behind one router, not a script. */
    public static final int DEFAULT_SIGNUPS_PER_HOUR = 20;
    /** Mail from an unconfigured install lands in files, so a local address is an honest default. */
    public static final String DEFAULT_SMTP_FROM = "Statfeed <statfeed@localhost>";
    /** Most providers take submissions only over STARTTLS on 587; a plain local relay says {@code none}. */
    public static final MailTls DEFAULT_SMTP_TLS = MailTls.STARTTLS;
    /** A receiver that has not answered in five seconds is down; the outbox tries again later. */
    public static final int DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
    /**
     * A month of minute buckets: every frame of a week or less, and the week before it, reads
     * minutes; minutes are 60 times the rows of hours, so they are the ones worth pruning.
     */
    public static final int DEFAULT_FEED_FANOUT_LIMIT = 1000;
    public static final int DEFAULT_FEED_PULL_RATE = 120;
    public static final int DEFAULT_TIMELINE_LENGTH = 1000;
    public static final int DEFAULT_FOLLOW_HISTORY = 100;
    public static final io.statfeed.core.model.feeds.FanoutPolicy DEFAULT_FEED_POLICY =
            new io.statfeed.core.model.feeds.FanoutPolicy(DEFAULT_FEED_FANOUT_LIMIT, DEFAULT_FEED_PULL_RATE);
    public static final int DEFAULT_RETAIN_MINUTES_DAYS = 30;
    /** Two years of hour buckets: a month's graph (3-hour points) and the ones before it; 24 times the rows of days. */
    public static final int DEFAULT_RETAIN_HOURS_DAYS = 730;
    /** A day at least: a stat's 1d graph and how fresh its data is are read from minute buckets. */
    public static final int MIN_RETAIN_DAYS = 1;
    /** A century: as good as forever, and far from any overflow of seconds arithmetic. */
    public static final int MAX_RETAIN_DAYS = 36_500;

    public Settings {
        requireRange("STATFEED_WEB_PORT", webPort, 0, 65_535);
        requireRange("STATFEED_API_PORT", apiPort, 0, 65_535);
        requireRange("STATFEED_DB_POOL_SIZE", databasePoolSize, 1, 500);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * Whether a request from {@code address} comes through one of our proxies (nginx), whose
     * {@code X-Forwarded-For} then says who the client is. None by default: the header is
     * believed only from the addresses in {@code STATFEED_TRUSTED_PROXIES}.
     */
    public boolean trustedProxy(java.net.InetAddress address) {
        for (AddressBlock block : trustedProxies) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The settings of a process, from its environment. */
    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads settings from a map of environment variables; throws {@link ConfigException} naming the culprit. */
    public static Settings from(Map<String, String> env) {
        Reader reader = new Reader(env);
        Optional<DatabaseServer> server = reader.text("STATFEED_DB_URL").map(url -> {
            if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
                throw new ConfigException("STATFEED_DB_URL must be a MySQL JDBC URL such as "
                        + "jdbc:mysql://127.0.0.1:3306/statfeed, got '" + url + "'");
            }
            return new DatabaseServer(url, reader.text("STATFEED_DB_USER").orElse("root"),
                    reader.text("STATFEED_DB_PASSWORD").orElse(""));
        });
        return new Settings(
                Path.of(reader.text("STATFEED_DATA_DIR").orElse("data")).toAbsolutePath().normalize(),
                reader.integer("STATFEED_WEB_PORT", DEFAULT_WEB_PORT),
                reader.integer("STATFEED_API_PORT", DEFAULT_API_PORT),
                server,
                reader.integer("STATFEED_DB_POOL_SIZE", DEFAULT_POOL_SIZE),
                new Ingest(
                        Duration.ofMillis(reader.integer("STATFEED_FLUSH_INTERVAL_MS", DEFAULT_FLUSH_INTERVAL_MS)),
                        Duration.ofMillis(reader.integer("STATFEED_COARSE_FLUSH_INTERVAL_MS",
                                DEFAULT_COARSE_FLUSH_INTERVAL_MS)),
                        reader.integer("STATFEED_INGEST_BUFFER_LIMIT", DEFAULT_INGEST_BUFFER_LIMIT),
                        reader.integer("STATFEED_NEW_STATS_PER_MINUTE", DEFAULT_NEW_STATS_PER_MINUTE),
                        Duration.ofSeconds(reader.integer("STATFEED_SELF_REPORT_SECONDS", DEFAULT_SELF_REPORT_SECONDS))),
                new Accounts(
                        reader.integer("STATFEED_PASSWORD_HASH_COST", DEFAULT_PASSWORD_HASH_COST),
                        reader.integer("STATFEED_SIGNUPS_PER_HOUR", DEFAULT_SIGNUPS_PER_HOUR)),
                new AppServers(
                        reader.hostPorts("STATFEED_GRAPH_SERVERS"),
                        reader.hostPorts("STATFEED_ANALYSIS_SERVERS"),
                        reader.integer("STATFEED_GRAPH_PORT", DEFAULT_GRAPH_PORT),
                        reader.integer("STATFEED_ANALYSIS_PORT", DEFAULT_ANALYSIS_PORT),
                        Duration.ofMillis(reader.integer("STATFEED_RPC_TIMEOUT_MS", DEFAULT_RPC_TIMEOUT_MS))),
                reader.text("STATFEED_PUBLIC_URL").map(text -> publicUrl("STATFEED_PUBLIC_URL", text)),
                reader.text("STATFEED_PUBLIC_API_URL").map(text -> publicUrl("STATFEED_PUBLIC_API_URL", text)),
                mail(reader),
                new Webhooks(
                        reader.bool("STATFEED_WEBHOOK_ALLOW_PRIVATE", false),
                        Duration.ofMillis(reader.integer("STATFEED_WEBHOOK_TIMEOUT_MS", DEFAULT_WEBHOOK_TIMEOUT_MS))),
                new Retention(
                        Duration.ofDays(reader.integer("STATFEED_RETAIN_MINUTES_DAYS", DEFAULT_RETAIN_MINUTES_DAYS)),
                        Duration.ofDays(reader.integer("STATFEED_RETAIN_HOURS_DAYS", DEFAULT_RETAIN_HOURS_DAYS))),
                new Feeds(
                        reader.integer("STATFEED_FEED_FANOUT_LIMIT", DEFAULT_FEED_FANOUT_LIMIT),
                        reader.integer("STATFEED_FEED_PULL_RATE", DEFAULT_FEED_PULL_RATE),
                        reader.integer("STATFEED_TIMELINE_LENGTH", DEFAULT_TIMELINE_LENGTH),
                        reader.integer("STATFEED_FOLLOW_HISTORY", DEFAULT_FOLLOW_HISTORY)),
                reader.text("STATFEED_TRUSTED_PROXIES").map(raw -> Arrays.stream(raw.split(","))
                        .filter(part -> !part.isBlank())
                        .map(part -> AddressBlock.parse("STATFEED_TRUSTED_PROXIES", part))
                        .toList()).orElse(List.of()));
    }

    private static Mail mail(Reader reader) {
        MailTls tls = reader.text("STATFEED_SMTP_TLS").map(text -> MailTls.parse("STATFEED_SMTP_TLS", text))
                .orElse(DEFAULT_SMTP_TLS);
        return new Mail(
                reader.text("STATFEED_SMTP_HOST"),
                reader.integer("STATFEED_SMTP_PORT", tls.defaultPort()),
                tls,
                reader.text("STATFEED_SMTP_USER"),
                reader.text("STATFEED_SMTP_PASSWORD"),
                reader.text("STATFEED_SMTP_FROM").orElse(DEFAULT_SMTP_FROM));
    }

    /** The address people reach the web-app (or the api-server) at; embeds, examples and mails link to it. */
    private static URI publicUrl(String variable, String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(text, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(variable + " must be an http(s) address such as "
                    + "https://stats.example.com, got '" + text + "'");
        }
    }

    /** Cookies are marked Secure when people reach the web-app over https. */
    public boolean secureCookies() {
        return publicUrl.map(uri -> "https".equals(uri.getScheme())).orElse(false);
    }

    /** Defaults for everything but the data folder: what tests and the one-command run use. */
    public static Settings defaults(Path dataDir) {
        return from(Map.of("STATFEED_DATA_DIR", dataDir.toString()));
    }

    public Settings withDatabaseServer(DatabaseServer server) {
        return new Settings(dataDir, webPort, apiPort, Optional.of(server), databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    /** Another process's data folder on the same database (each api-server has a journal of its own). */
    public Settings withDataDir(Path folder) {
        return new Settings(folder, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts, appServers,
                publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withPorts(int web, int api) {
        return new Settings(dataDir, web, api, databaseServer, databasePoolSize, ingest, accounts, appServers,
                publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withIngest(Ingest changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, changed, accounts,
                appServers, publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withIngestLimits(int bufferLimit, int newStatsPerMinuteLimit) {
        return withIngest(ingest.withLimits(bufferLimit, newStatsPerMinuteLimit));
    }

    public Settings withSelfReportInterval(Duration interval) {
        return withIngest(ingest.withSelfReportInterval(interval));
    }

    public Settings withAccounts(Accounts changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, changed,
                appServers, publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withPasswordHashCost(int cost) {
        return withAccounts(new Accounts(cost, accounts.signupsPerHour()));
    }

    public Settings withAppServers(AppServers servers) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts, servers,
                publicUrl, publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withPublicUrl(URI url) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, Optional.of(url), publicApiUrl, mail, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withMail(Mail changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, changed, webhooks, retention, feeds, trustedProxies);
    }

    public Settings withWebhooks(Webhooks changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, mail, changed, retention, feeds, trustedProxies);
    }

    public Settings withFeeds(Feeds changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, mail, webhooks, retention, changed, trustedProxies);
    }

    public Settings withTrustedProxies(List<AddressBlock> proxies) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, mail, webhooks, retention, feeds, proxies);
    }

    public Settings withRetention(Retention changed) {
        return new Settings(dataDir, webPort, apiPort, databaseServer, databasePoolSize, ingest, accounts,
                appServers, publicUrl, publicApiUrl, mail, webhooks, changed, feeds, trustedProxies);
    }

    private static void requireRange(String variable, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(variable + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private record Reader(Map<String, String> env) {
        Optional<String> text(String variable) {
            return Optional.ofNullable(env.get(variable)).map(String::trim).filter(v -> !v.isEmpty());
        }

        List<HostPort> hostPorts(String variable) {
            return text(variable).map(raw -> Arrays.stream(raw.split(","))
                    .filter(part -> !part.isBlank())
                    .map(part -> HostPort.parse(variable, part))
                    .toList()).orElse(List.of());
        }

        boolean bool(String variable, boolean fallback) {
            return text(variable).map(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(variable + " must be true or false, got '" + raw + "'");
            }).orElse(fallback);
        }

        int integer(String variable, int fallback) {
            return text(variable).map(raw -> {
                try {
                    return Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    throw new ConfigException(variable + " must be a whole number, got '" + raw + "'");
                }
            }).orElse(fallback);
        }
    }
}
