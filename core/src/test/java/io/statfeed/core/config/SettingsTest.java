package io.statfeed.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void with_nothing_set_everything_runs_embedded_on_the_usual_ports() {
        Settings settings = Settings.from(Map.of());
        assertEquals(8080, settings.webPort());
        assertEquals(8081, settings.apiPort());
        assertTrue(settings.databaseServer().isEmpty());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), settings.dataDir());
    }

    @Test
    void a_database_url_switches_storage_to_that_server() {
        Settings settings = Settings.from(Map.of("STATFEED_DB_URL", "jdbc:mysql://db:3306/statfeed",
                "STATFEED_DB_USER", "app", "STATFEED_DB_PASSWORD", "secret"));
        Settings.DatabaseServer server = settings.databaseServer().orElseThrow();
        assertEquals("app", server.user());
        assertEquals("DatabaseServer[jdbc:mysql://db:3306/statfeed, user=app]", server.toString(),
                "the password never reaches a log line");
    }

    @Test
    void bad_settings_name_the_variable_and_what_is_allowed() {
        assertEquals("STATFEED_WEB_PORT must be a whole number, got 'eighty'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_WEB_PORT", "eighty")))
                        .getMessage());
        assertEquals("STATFEED_API_PORT must be between 0 and 65535, got 70000",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_API_PORT", "70000")))
                        .getMessage());
        assertEquals("STATFEED_FLUSH_INTERVAL_MS must be between 10 and 1000, got 5000",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_FLUSH_INTERVAL_MS", "5000")))
                        .getMessage());
        assertEquals("STATFEED_DB_URL must be a MySQL JDBC URL such as jdbc:mysql://127.0.0.1:3306/statfeed, "
                        + "got 'postgres://x'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_DB_URL", "postgres://x")))
                        .getMessage());
    }

    @Test
    void app_servers_run_in_process_unless_replicas_are_listed() {
        Settings.AppServers local = Settings.from(Map.of()).appServers();
        assertTrue(local.graphServers().isEmpty());
        assertTrue(local.analysisServers().isEmpty());
        assertEquals(8091, local.graphPort());
        assertEquals(8092, local.analysisPort());

        Settings.AppServers remote = Settings.from(Map.of(
                "STATFEED_GRAPH_SERVERS", "graph-1:8091, graph-2:9000,",
                "STATFEED_ANALYSIS_SERVERS", "[::1]:8092")).appServers();
        assertEquals(List.of(new Settings.HostPort("graph-1", 8091), new Settings.HostPort("graph-2", 9000)),
                remote.graphServers());
        assertEquals("[[::1]:8092]", remote.analysisServers().toString());
    }

    @Test
    void a_bad_replica_list_or_public_url_names_the_variable() {
        assertEquals("STATFEED_GRAPH_SERVERS must be a comma-separated list of host:port, got 'graph-1'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_GRAPH_SERVERS", "graph-1")))
                        .getMessage());
        assertEquals("STATFEED_ANALYSIS_SERVERS must be a comma-separated list of host:port, got 'a:99999'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_ANALYSIS_SERVERS", "a:99999")))
                        .getMessage());
        assertEquals("STATFEED_PUBLIC_URL must be an http(s) address such as https://stats.example.com, got 'stats'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_PUBLIC_URL", "stats")))
                        .getMessage());
    }

    @Test
    void cookies_are_secure_when_the_public_address_is_https() {
        Settings https = Settings.from(Map.of("STATFEED_PUBLIC_URL", "https://stats.example.com/"));
        assertEquals("https://stats.example.com", https.publicUrl().orElseThrow().toString());
        assertTrue(https.secureCookies());
        assertFalse(Settings.from(Map.of()).secureCookies());
    }

    @Test
    void without_an_smtp_host_mail_goes_to_files_from_a_local_address() {
        Settings.Mail mail = Settings.from(Map.of()).mail();
        assertTrue(mail.smtpHost().isEmpty());
        assertEquals("Statfeed <statfeed@localhost>", mail.from());
        assertEquals(Settings.MailTls.STARTTLS, mail.tls());
        assertEquals(587, mail.smtpPort());
        assertEquals("Mail[.eml files, from=Statfeed <statfeed@localhost>]", mail.toString());
    }

    @Test
    void the_smtp_port_follows_the_tls_mode_unless_set() {
        assertEquals(25, smtp("STATFEED_SMTP_TLS", "none").smtpPort());
        assertEquals(587, smtp("STATFEED_SMTP_TLS", "STARTTLS").smtpPort());
        assertEquals(465, smtp("STATFEED_SMTP_TLS", "tls").smtpPort());
        assertEquals(2525, smtp("STATFEED_SMTP_PORT", "2525").smtpPort());
    }

    @Test
    void an_smtp_server_with_a_login_keeps_its_password_out_of_log_lines() {
        Settings.Mail mail = Settings.from(Map.of("STATFEED_SMTP_HOST", "smtp.example.com",
                "STATFEED_SMTP_USER", "alerts", "STATFEED_SMTP_PASSWORD", "hunter2",
                "STATFEED_SMTP_FROM", "\"Statfeed Alerts\" <alerts@example.com>")).mail();
        assertEquals("smtp.example.com", mail.smtpHost().orElseThrow());
        assertEquals("hunter2", mail.smtpPassword().orElseThrow());
        assertEquals("Mail[smtp smtp.example.com:587, tls=STARTTLS, user=alerts, from=\"Statfeed Alerts\" "
                + "<alerts@example.com>]", mail.toString());
        assertFalse(Settings.from(Map.of("STATFEED_SMTP_HOST", "smtp.example.com",
                "STATFEED_SMTP_USER", "alerts", "STATFEED_SMTP_PASSWORD", "hunter2")).toString().contains("hunter2"));
    }

    @Test
    void bad_mail_settings_name_the_variable() {
        assertEquals("STATFEED_SMTP_TLS must be one of none, starttls, tls, got 'ssl'",
                refused(Map.of("STATFEED_SMTP_TLS", "ssl")));
        assertEquals("STATFEED_SMTP_PORT must be a whole number, got 'smtp'",
                refused(Map.of("STATFEED_SMTP_PORT", "smtp")));
        assertEquals("STATFEED_SMTP_PORT must be between 1 and 65535, got 0",
                refused(Map.of("STATFEED_SMTP_HOST", "mail", "STATFEED_SMTP_PORT", "0")));
        assertEquals("STATFEED_SMTP_HOST must be a host name or IP address, got 'smtp://mail'",
                refused(Map.of("STATFEED_SMTP_HOST", "smtp://mail")));
        assertEquals("STATFEED_SMTP_FROM must be a mail address such as 'Statfeed <statfeed@example.com>', "
                + "got 'Statfeed'", refused(Map.of("STATFEED_SMTP_FROM", "Statfeed")));
        assertEquals("STATFEED_SMTP_FROM must be a mail address such as 'Statfeed <statfeed@example.com>', "
                + "got 'a@b, c@d'", refused(Map.of("STATFEED_SMTP_FROM", "a@b, c@d")));
        assertEquals("STATFEED_SMTP_USER is set but STATFEED_SMTP_HOST is not; without a host mail is written "
                + "to files and nobody logs in", refused(Map.of("STATFEED_SMTP_USER", "alerts")));
        assertEquals("STATFEED_SMTP_PASSWORD is set but STATFEED_SMTP_USER is not",
                refused(Map.of("STATFEED_SMTP_HOST", "mail", "STATFEED_SMTP_PASSWORD", "x")));
    }

    @Test
    void webhooks_stay_out_of_private_networks_and_time_out_in_five_seconds_by_default() {
        Settings.Webhooks webhooks = Settings.from(Map.of()).webhooks();
        assertFalse(webhooks.allowPrivate());
        assertEquals(Duration.ofSeconds(5), webhooks.timeout());
        Settings.Webhooks changed = Settings.from(Map.of("STATFEED_WEBHOOK_ALLOW_PRIVATE", "TRUE",
                "STATFEED_WEBHOOK_TIMEOUT_MS", "250")).webhooks();
        assertTrue(changed.allowPrivate());
        assertEquals(Duration.ofMillis(250), changed.timeout());
    }

    @Test
    void bad_webhook_settings_name_the_variable() {
        assertEquals("STATFEED_WEBHOOK_ALLOW_PRIVATE must be true or false, got 'yes'",
                refused(Map.of("STATFEED_WEBHOOK_ALLOW_PRIVATE", "yes")));
        assertEquals("STATFEED_WEBHOOK_TIMEOUT_MS must be between 100 and 30000, got 99",
                refused(Map.of("STATFEED_WEBHOOK_TIMEOUT_MS", "99")));
        assertEquals("STATFEED_WEBHOOK_TIMEOUT_MS must be a whole number, got '5s'",
                refused(Map.of("STATFEED_WEBHOOK_TIMEOUT_MS", "5s")));
    }

    @Test
    void copies_keep_mail_and_webhooks() {
        Settings settings = Settings.from(Map.of("STATFEED_SMTP_HOST", "mail", "STATFEED_WEBHOOK_ALLOW_PRIVATE", "true"))
                .withPorts(1, 2);
        assertEquals("mail", settings.mail().smtpHost().orElseThrow());
        assertTrue(settings.webhooks().allowPrivate());
        assertFalse(settings.withWebhooks(new Settings.Webhooks(false, Duration.ofSeconds(1))).webhooks().allowPrivate());
    }

    private static Settings.Mail smtp(String variable, String value) {
        return Settings.from(Map.of("STATFEED_SMTP_HOST", "smtp.example.com", variable, value)).mail();
    }

    private static String refused(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Settings.from(env)).getMessage();
    }

    @Test
    void minutes_are_kept_a_month_and_hours_two_years_unless_told_otherwise() {
        assertEquals(new Settings.Retention(Duration.ofDays(30), Duration.ofDays(730)), Settings.from(Map.of()).retention());
        assertEquals(new Settings.Retention(Duration.ofDays(7), Duration.ofDays(7)), Settings.from(Map.of(
                "STATFEED_RETAIN_MINUTES_DAYS", "7", "STATFEED_RETAIN_HOURS_DAYS", "7")).retention());
        Settings.Retention longer = new Settings.Retention(Duration.ofDays(90), Duration.ofDays(3_650));
        assertEquals(longer, Settings.from(Map.of()).withRetention(longer).withPorts(0, 0).retention(),
                "copies keep the retention");
    }

    @Test
    void hours_must_be_kept_at_least_as_long_as_minutes_and_both_within_range() {
        assertEquals("STATFEED_RETAIN_HOURS_DAYS must be at least STATFEED_RETAIN_MINUTES_DAYS (30), got 10: "
                        + "hour buckets stand in for the minute buckets that are gone",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_RETAIN_HOURS_DAYS", "10")))
                        .getMessage());
        assertEquals("STATFEED_RETAIN_MINUTES_DAYS must be between 1 and 36500, got 0",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_RETAIN_MINUTES_DAYS", "0")))
                        .getMessage());
        assertEquals("STATFEED_RETAIN_HOURS_DAYS must be between 1 and 36500, got 40000",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_RETAIN_HOURS_DAYS", "40000")))
                        .getMessage());
        assertEquals("STATFEED_RETAIN_MINUTES_DAYS must be a whole number, got 'a month'",
                assertThrows(ConfigException.class, () -> Settings.from(Map.of("STATFEED_RETAIN_MINUTES_DAYS",
                        "a month"))).getMessage());
    }

    @Test
    void trusted_proxies_are_addresses_and_blocks_and_none_by_default() throws Exception {
        assertFalse(Settings.from(Map.of()).trustedProxy(java.net.InetAddress.getByName("127.0.0.1")));
        Settings settings = Settings.from(Map.of("STATFEED_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,fd00::/8"));
        assertTrue(settings.trustedProxy(java.net.InetAddress.getByName("127.0.0.1")));
        assertTrue(settings.trustedProxy(java.net.InetAddress.getByName("10.200.3.4")));
        assertTrue(settings.trustedProxy(java.net.InetAddress.getByName("fd12::1")));
        assertFalse(settings.trustedProxy(java.net.InetAddress.getByName("127.0.0.2")));
        assertFalse(settings.trustedProxy(java.net.InetAddress.getByName("11.0.0.1")));
        assertTrue(AddressBlock.literal("proxy.example").isEmpty());
        assertTrue(AddressBlock.literal("10.0.0.1/8").isEmpty());
        assertEquals("192.0.2.1", AddressBlock.literal(" 192.0.2.1 ").orElseThrow().getHostAddress());
        for (String bad : List.of("proxy.example", "10.0.0.0/33", "300.1.1.1", "::1/129")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Settings.from(Map.of("STATFEED_TRUSTED_PROXIES", bad)));
            assertTrue(e.getMessage().contains("STATFEED_TRUSTED_PROXIES"), e.getMessage());
        }
    }
}
