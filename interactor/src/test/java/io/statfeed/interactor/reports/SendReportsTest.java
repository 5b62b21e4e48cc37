package io.statfeed.interactor.reports;

import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.mail.Mail;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.core.model.Ids;
import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.AlertEvent;
import io.statfeed.core.model.alerts.AlertState;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.InstallationSecretStore;
import io.statfeed.core.storage.ReportSubscriptionStore;
import io.statfeed.core.storage.StarStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.NotFoundException;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.alerts.CreateAlert;
import io.statfeed.interactor.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SendReportsTest {
    /** World's clock stands at 2023-11-14T22:13:20Z, a Tuesday: a daily report in UTC covers the 13th. */
    private static final long NOV_14 = 1_699_920_000L;
    private static final long NOV_13 = NOV_14 - 86_400;
    private static final long NOV_12 = NOV_13 - 86_400;
    private static final long HOUR = 3_600;

    @TempDir
    Path dataDir;

    /** The report use cases over real storage, with a mail renderer and sender that only record. */
    private static final class Reports implements AutoCloseable {
        final World world;
        final ReportSubscriptionStore subscriptions;
        final StarStore stars;
        final AlertStore alerts;
        final List<Report> rendered = new ArrayList<>();
        final List<Mail> sent = new ArrayList<>();
        final AtomicInteger failuresToCome = new AtomicInteger();
        final UnsubscribeTokens tokens;
        final SendReports sendReports;
        final SendReportNow sendNow;
        final ChangeReportSettings change;
        final StarStat star;

        Reports(Backend backend, Path dataDir) {
            world = new World(backend, dataDir);
            subscriptions = new ReportSubscriptionStore(world.database);
            stars = new StarStore(world.database);
            alerts = new AlertStore(world.database);
            tokens = new UnsubscribeTokens(new InstallationSecretStore(world.database), world.clock);
            ReportMail mail = report -> {
                rendered.add(report);
                return new Mail(report.to(), "report", "text", "<p>html</p>", report.messageId());
            };
            MailSender sender = m -> {
                if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new DeliveryException("smtp down", true);
                }
                sent.add(m);
            };
            ReportDelivery delivery = new ReportDelivery(new ReportComposer(stars, new io.statfeed.core.storage.FollowStore(world.database,
                    io.statfeed.core.config.Settings.DEFAULT_FEED_POLICY), world.stats, world.buckets, alerts,
                    new PeriodSparklines(world.drawing()), tokens, java.net.URI.create("https://stats.example.com")),
                    mail, sender);
            sendReports = new SendReports(subscriptions, world.accounts, delivery, world.clock);
            sendNow = new SendReportNow(world.accounts, subscriptions, delivery, world.clock);
            change = new ChangeReportSettings(subscriptions, world.clock);
            star = new StarStat(stars, world.stats, world.clock);
        }

        void subscribe(Visitor who, String... fields) {
            Map<String, String> all = new java.util.HashMap<>();
            for (int i = 0; i < fields.length; i += 2) {
                all.put(fields[i], fields[i + 1]);
            }
            change.change(who, all);
        }

        Report last() {
            return rendered.get(rendered.size() - 1);
        }

        void hours(int count) {
            world.clock.advance(Duration.ofHours(count));
        }

        @Override
        public void close() {
            world.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_report_goes_once_per_period_even_when_send_reports_runs_twice(Backend backend) {
        try (Reports reports = new Reports(backend, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            reports.subscribe(ada, "frequency", "daily", "hour", "8", "time_zone", "UTC");

            SendReports.Run first = reports.sendReports.run();
            SendReports.Run again = reports.sendReports.run();

            assertEquals(new SendReports.Run(1, 1, 0, 0, 0), first);
            assertEquals(new SendReports.Run(0, 0, 0, 0, 0), again, "today's report has gone");
            assertEquals(1, reports.sent.size());
            assertEquals("report." + ada.userId() + ".daily-20231114", reports.sent.get(0).messageId());
            assertEquals("user1@example.com", reports.sent.get(0).to());
            assertFalse(reports.subscriptions.claim(ada.userId(), reports.subscriptions.find(ada.userId()).frequency(),
                    "daily-20231114"), "a second scheduler that saw the period as due cannot claim it");

            reports.hours(10); // 08:13 on the 15th: the next day's report
            assertEquals(1, reports.sendReports.run().sent());
            assertEquals("report." + ada.userId() + ".daily-20231115", reports.sent.get(1).messageId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_hour_is_the_persons_local_hour_in_their_time_zone(Backend backend) {
        try (Reports reports = new Reports(backend, dataDir)) {
            Visitor tokyo = reports.world.newVisitor();     // 07:13 on Wednesday the 15th there
            Visitor newYork = reports.world.newVisitor();   // 17:13 on Tuesday the 14th there
            Visitor weekly = reports.world.newVisitor();    // wants Wednesdays at 08:00 Tokyo time
            reports.subscribe(tokyo, "frequency", "daily", "hour", "8", "time_zone", "Asia/Tokyo");
            reports.subscribe(newYork, "frequency", "daily", "hour", "18", "time_zone", "America/New_York");
            reports.subscribe(weekly, "frequency", "weekly", "hour", "8", "time_zone", "Asia/Tokyo", "weekday", "3");

            assertEquals(0, reports.sendReports.run().due(), "nobody's hour has come");
            reports.hours(1);
            assertEquals(3, reports.sendReports.run().sent());
            assertEquals(List.of("daily-20231115", "daily-20231114", "weekly-20231115"),
                    reports.rendered.stream().map(r -> r.period().key()).toList());
            Report week = reports.rendered.get(2);
            assertEquals(java.time.LocalDate.of(2023, 11, 8), week.period().firstDay());
            assertEquals(1_699_369_200L, week.period().startSeconds(), "midnight of the 8th in Tokyo");

            reports.hours(24); // Thursday in Tokyo: daily reports again, the weekly one not
            assertEquals(List.of("daily-20231116", "daily-20231115"),
                    reportsSentBy(reports, reports.sendReports.run()));
        }
    }

    private static List<String> reportsSentBy(Reports reports, SendReports.Run run) {
        return reports.rendered.subList(reports.rendered.size() - run.sent(), reports.rendered.size()).stream()
                .map(r -> r.period().key()).toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void until_stats_are_starred_the_ten_most_active_are_reported_then_only_the_starred(Backend backend) {
        try (Reports reports = new Reports(backend, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            List<Stat> all = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                Stat stat = reports.world.counter(ada, String.format("stat %02d", i));
                all.add(stat);
                double[] points = new double[i];
                java.util.Arrays.fill(points, 1);
                reports.world.store(stat, Resolution.HOUR, bucket(NOV_13 + 5 * HOUR, points));
            }
            Stat quiet = reports.world.counter(ada, "busy only the day before");
            reports.world.store(quiet, Resolution.HOUR, bucket(NOV_12, new double[100]));

            reports.sendNow.send(ada);
            Report fallback = reports.last();
            assertFalse(fallback.starred());
            assertEquals(List.of("stat 12", "stat 11", "stat 10", "stat 09", "stat 08", "stat 07", "stat 06",
                    "stat 05", "stat 04", "stat 03"), fallback.stats().stream().map(l -> l.stat().name()).toList());

            reports.star.set(ada, all.get(0).id(), true);
            assertTrue(reports.star.toggle(ada, quiet.id()));
            reports.sendNow.send(ada);
            Report starred = reports.last();
            assertTrue(starred.starred());
            assertEquals(List.of("busy only the day before", "stat 01"),
                    starred.stats().stream().map(l -> l.stat().name()).toList());

            Visitor bob = reports.world.newVisitor();
            reports.world.stats.setPublic(ada.accountId(), all.get(2).id(), true);
            var follows = new io.statfeed.core.storage.FollowStore(reports.world.database,
                    io.statfeed.core.config.Settings.DEFAULT_FEED_POLICY);
            follows.follow(bob.userId(), io.statfeed.core.model.feeds.FeedKey.stat(all.get(2).id()), 0, 0);
            follows.follow(bob.userId(), io.statfeed.core.model.feeds.FeedKey.stat(all.get(3).id()), 0, 0);
            reports.sendNow.send(bob);
            assertEquals(List.of("stat 03"), reports.last().stats().stream().map(l -> l.stat().name()).toList(),
                    "a followed public stat of another account is in the report; a follow of one gone private is not");

            Visitor grace = reports.world.newVisitor();
            assertThrows(NotFoundException.class, () -> reports.star.toggle(grace, quiet.id()),
                    "another account's stat cannot be starred");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void values_are_totals_or_means_with_the_change_against_the_period_before_and_the_alerts_that_fired(
            Backend backend) {
        try (Reports reports = new Reports(backend, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            Stat orders = reports.world.counter(ada, "orders");
            Stat latency = reports.world.value(ada, "latency");
            Stat fresh = reports.world.counter(ada, "fresh");
            Stat silent = reports.world.value(ada, "silent");
            reports.world.store(orders, Resolution.HOUR, bucket(NOV_13, 40, 60), bucket(NOV_13 + 20 * HOUR, 50));
            reports.world.store(orders, Resolution.HOUR, bucket(NOV_12 + 3 * HOUR, 100));
            reports.world.store(latency, Resolution.HOUR, bucket(NOV_13 + HOUR, 10, 20), bucket(NOV_13 + 2 * HOUR, 30));
            reports.world.store(latency, Resolution.HOUR, bucket(NOV_12 + HOUR, 40));
            reports.world.store(fresh, Resolution.HOUR, bucket(NOV_13, 3));
            reports.world.store(orders, Resolution.HOUR, bucket(NOV_14, 1_000)); // today: the next report's
            for (Stat stat : List.of(orders, latency, fresh, silent)) {
                reports.star.set(ada, stat.id(), true);
            }
            long alertId = fired(reports, ada, orders, (NOV_13 + 7 * HOUR) * 1000);
            fired(reports, ada, latency, (NOV_14 + HOUR) * 1000); // after the period

            reports.subscribe(ada, "frequency", "daily");
            assertEquals(1, reports.sendReports.run().sent());

            Report report = reports.last();
            Map<String, Report.StatLine> lines = new java.util.HashMap<>();
            report.stats().forEach(line -> lines.put(line.stat().name(), line));
            assertEquals(OptionalDouble.of(150), lines.get("orders").value());
            assertEquals(OptionalDouble.of(100), lines.get("orders").previous());
            assertEquals(OptionalDouble.of(50), lines.get("orders").changePercent());
            assertEquals(OptionalDouble.of(20), lines.get("latency").value(), "the mean of 10, 20 and 30");
            assertEquals(OptionalDouble.of(-50), lines.get("latency").changePercent());
            assertEquals(OptionalDouble.of(3), lines.get("fresh").value());
            assertEquals(OptionalDouble.empty(), lines.get("fresh").changePercent(), "nothing to compare with");
            assertEquals(OptionalDouble.empty(), lines.get("silent").value());
            assertTrue(lines.get("orders").sparkline().isPresent());
            assertEquals(List.of(alertId), report.alerts().stream().map(AlertStore.Fired::alertId).toList());
            assertEquals("orders", report.alerts().get(0).statName());
        }
    }

    private static long fired(Reports reports, Visitor owner, Stat stat, long atMillis) {
        long id = new CreateAlert(reports.alerts, reports.world.stats, url -> { }, reports.world.clock)
                .create(owner.accountId(), Map.of("stat_id", String.valueOf(stat.id()), "kind", "value", "time_window", "1h",
                        "operator", "greater than", "threshold", "10")).alert().id();
        Alert alert = reports.alerts.findById(id).orElseThrow();
        assertTrue(reports.alerts.record(alert, new AlertEvent(Ids.next(), id, stat.id(), atMillis, AlertState.FIRING,
                false, OptionalDouble.of(11), stat.name() + ": over 10"), List.of()));
        return id;
    }

    @Test
    void a_failed_send_gives_the_period_back_and_the_next_run_sends_it() {
        try (Reports reports = new Reports(Backend.EMBEDDED, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            reports.subscribe(ada, "frequency", "daily");
            reports.failuresToCome.set(1);

            assertEquals(new SendReports.Run(1, 0, 0, 1, 0), reports.sendReports.run());
            assertEquals("", reports.subscriptions.find(ada.userId()).lastSentFor());
            assertEquals(1, reports.sendReports.run().sent());
            assertEquals(1, reports.sent.size());
        }
    }

    @Test
    void a_report_sent_now_is_not_the_periods_scheduled_one_and_unsubscribing_stops_them() {
        try (Reports reports = new Reports(Backend.EMBEDDED, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            reports.subscribe(ada, "frequency", "weekly", "weekday", "tuesday");
            ReportDelivery.Sent now = reports.sendNow.send(ada);
            assertEquals("weekly-20231114", now.period().key());
            assertEquals("", reports.subscriptions.find(ada.userId()).lastSentFor());

            UnsubscribeFromReports unsubscribe = new UnsubscribeFromReports(reports.tokens, reports.world.accounts,
                    reports.subscriptions, reports.world.clock);
            String token = reports.last().unsubscribeToken();
            assertEquals(new UnsubscribeFromReports.Subscriber("user1@example.com", true), unsubscribe.check(token));
            String forged = ada.userId() + "." + "A".repeat(43);
            assertEquals(UnsubscribeFromReports.BAD_TOKEN,
                    assertThrows(InvalidInputException.class, () -> unsubscribe.unsubscribe(forged)).getMessage());
            unsubscribe.unsubscribe(token);
            assertFalse(reports.subscriptions.find(ada.userId()).subscribed());
            assertEquals(0, reports.sendReports.run().due());
        }
    }

    @Test
    void bad_settings_are_refused_with_the_field_named() {
        try (Reports reports = new Reports(Backend.EMBEDDED, dataDir)) {
            Visitor ada = reports.world.newVisitor();
            assertEquals("frequency must be daily, weekly or off, got 'hourly'", assertThrows(InvalidInputException.class,
                    () -> reports.subscribe(ada, "frequency", "hourly")).getMessage());
            assertEquals("hour must be a whole hour from 0 to 23, got '24'", assertThrows(InvalidInputException.class,
                    () -> reports.subscribe(ada, "hour", "24")).getMessage());
            assertTrue(assertThrows(InvalidInputException.class, () -> reports.subscribe(ada, "time_zone", "Mars/Base"))
                    .getMessage().startsWith("time_zone must be an IANA time zone"));
            assertTrue(assertThrows(InvalidInputException.class, () -> reports.subscribe(ada, "time_zone", "+02:00"))
                    .getMessage().startsWith("time_zone must be"));
            assertTrue(assertThrows(InvalidInputException.class, () -> reports.subscribe(ada, "weekday", "8"))
                    .getMessage().startsWith("weekday must be 1 (Monday) to 7"));
            assertFalse(reports.subscriptions.find(ada.userId()).subscribed(), "nothing was changed");
        }
    }
}
