package io.statfeed.interactor.alerts;

import static io.statfeed.interactor.testing.World.bucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.channels.mail.SmtpMailSender;
import io.statfeed.channels.webhook.WebhookSender;
import io.statfeed.channels.webhook.WebhookSignatures;
import io.statfeed.core.config.Settings;
import io.statfeed.core.model.Account;
import io.statfeed.core.model.Resolution;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.testing.Backend;
import io.statfeed.interactor.Visitor;
import io.statfeed.interactor.testing.World;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the outbox holds reaches a real SMTP server and a real HTTP receiver, once, and failures wait and retry. */
class DeliverOutboxTest {
    private static final long MINUTE = 1_699_999_980L - 60;
    private static final URI WEB = URI.create("https://stats.example.com");

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dataDir;

    /** Answers each webhook call with the next status queued (200 once the queue is empty) and keeps what it got. */
    private static final class HookReceiver implements AutoCloseable {
        record Call(String signature, String delivery, String body) {
        }

        final HttpServer server;
        final LinkedBlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

        HookReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                calls.add(new Call(exchange.getRequestHeaders().getFirst(WebhookSignatures.HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSender.DELIVERY_HEADER), body));
                Integer status = statuses.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static final class Setup implements AutoCloseable {
        final World world;
        final AlertStore alerts;
        final OutboxStore outbox;
        final EvaluateAlerts evaluate;
        final ListAlerts list;
        final Account account;
        final Stat errors;
        final HookReceiver hooks = new HookReceiver();

        Setup(Backend backend, Path dataDir) throws IOException {
            world = new World(backend, dataDir);
            alerts = new AlertStore(world.database);
            outbox = new OutboxStore(world.database);
            evaluate = new EvaluateAlerts(alerts, world.buckets, world.appServices.analysis(),
                    new AlertMessages(world.accounts), world.clock);
            list = new ListAlerts(alerts, outbox, world.stats);
            Visitor owner = world.newVisitor();
            account = world.accounts.findById(owner.accountId()).orElseThrow();
            errors = world.counter(owner, "checkout errors");
        }

        Alert alert(String... extra) {
            Map<String, String> fields = new HashMap<>(Map.of("stat_id", String.valueOf(errors.id()), "kind", "value",
                    "time_window", "5m", "operator", "greater than", "threshold", "10", "email", "ops@example.com"));
            for (int i = 0; i < extra.length; i += 2) {
                fields.put(extra[i], extra[i + 1]);
            }
            return new CreateAlert(alerts, world.stats, url -> { }, world.clock).create(account.id(), fields).alert();
        }

        void fire() {
            world.store(errors, Resolution.MINUTE, bucket(MINUTE, 25));
            assertEquals(1, evaluate.run().transitions());
        }

        DeliverOutbox deliver(MailSender mail) {
            return new DeliverOutbox(outbox, alerts, world.stats, mail, new WebhookSender(true, Duration.ofSeconds(2)),
                    new LastDayGraphs(world.drawing(), world.clock), WEB, world.clock);
        }

        DeliverOutbox deliver() {
            return deliver(smtpAt(smtp.getSmtp().getPort()));
        }

        @Override
        public void close() {
            hooks.close();
            world.close();
        }
    }

    private static MailSender smtpAt(int port) {
        return new SmtpMailSender(Settings.from(Map.of("STATFEED_SMTP_HOST", "127.0.0.1",
                "STATFEED_SMTP_PORT", String.valueOf(port), "STATFEED_SMTP_TLS", "none",
                "STATFEED_SMTP_FROM", "Statfeed <alerts@stats.example.com>")).mail());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_firing_alert_is_mailed_with_its_graph_inline_and_posted_signed_to_its_webhook_once(Backend backend)
            throws Exception {
        try (Setup setup = new Setup(backend, dataDir)) {
            Alert alert = setup.alert("webhook_url", setup.hooks.url());
            setup.fire();

            assertEquals(new DeliverOutbox.Sent(2, 0, 0), setup.deliver().run());
            assertEquals(new DeliverOutbox.Sent(0, 0, 0), setup.deliver().run(), "nothing is sent twice");

            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length);
            MimeMessage mail = mails[0];
            assertEquals("Alert: checkout errors — total over 5m greater than 10", mail.getSubject());
            assertEquals("ops@example.com", mail.getAllRecipients()[0].toString());
            assertTrue(mail.getMessageID().startsWith("<alert-" + alert.id() + "-"), mail.getMessageID());
            List<BodyPart> parts = leaves((Multipart) mail.getContent());
            String html = parts.stream().filter(p -> isType(p, "text/html")).findFirst().orElseThrow().getContent()
                    .toString();
            assertTrue(html.contains("src=\"cid:graph\""), html);
            assertTrue(html.contains("https://stats.example.com/stats/" + setup.errors.id()), html);
            BodyPart graph = parts.stream().filter(p -> isType(p, "image/png")).findFirst().orElseThrow();
            assertEquals("<graph>", graph.getHeader("Content-ID")[0]);
            String text = parts.stream().filter(p -> isType(p, "text/plain")).findFirst().orElseThrow().getContent()
                    .toString();
            assertTrue(text.contains("checkout errors: total over 5m greater than 10 — is 25"), text);

            assertEquals(1, setup.hooks.calls.size());
            HookReceiver.Call call = setup.hooks.calls.peek();
            String secret = setup.alerts.findById(alert.id()).orElseThrow().webhookSecret();
            assertTrue(WebhookSignatures.verify(secret, call.body(), call.signature()), call.toString());
            assertTrue(call.delivery().startsWith("alert-" + alert.id() + "-") && call.delivery().endsWith("-hook-0"),
                    call.delivery());
            assertTrue(call.body().contains("\"state\":\"firing\"") && call.body().contains("\"value\":25.0"), call.body());
            assertEquals(0, setup.outbox.pending());
        }
    }

    @Test
    void a_mail_that_finds_smtp_down_waits_and_goes_once_smtp_is_back() throws Exception {
        try (Setup setup = new Setup(Backend.EMBEDDED, dataDir)) {
            setup.alert();
            setup.fire();
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            assertEquals(new DeliverOutbox.Sent(0, 1, 0), setup.deliver(smtpAt(closedPort)).run());
            assertEquals(new DeliverOutbox.Sent(0, 0, 0), setup.deliver().run(), "not due again for 30 s");

            setup.world.clock.advance(Duration.ofSeconds(31));
            assertEquals(new DeliverOutbox.Sent(1, 0, 0), setup.deliver().run());
            assertEquals(1, smtp.getReceivedMessages().length);
        }
    }

    @Test
    void a_failing_webhook_is_retried_with_backoff_and_a_refusing_one_is_given_up_and_shown() throws Exception {
        try (Setup setup = new Setup(Backend.EMBEDDED, dataDir)) {
            Alert alert = setup.alert("email", "", "webhook_url", setup.hooks.url()); // mail to the account's members
            setup.hooks.statuses.addAll(List.of(500, 503));
            setup.fire();
            DeliverOutbox deliver = setup.deliver();
            List<DeliverOutbox.Sent> runs = new ArrayList<>();
            for (int second = 0; second < 120; second += 5) {
                runs.add(deliver.run());
                setup.world.clock.advance(Duration.ofSeconds(5));
            }
            assertEquals(3, setup.hooks.calls.size(), "500, then 503 after 30 s, then 200 after 60 s more: " + runs);
            assertEquals(1, setup.hooks.calls.stream().map(HookReceiver.Call::delivery).distinct().count(),
                    "every attempt carries the same delivery key");

            // the next transition meets a receiver that refuses it for good
            setup.hooks.statuses.add(410);
            setup.world.clock.advance(Duration.ofMinutes(6));
            assertEquals(1, setup.evaluate.run().transitions());
            assertEquals(new DeliverOutbox.Sent(1, 0, 1), deliver.run(), "the members' mail goes, the webhook is given up");
            var failures = setup.list.one(setup.account.id(), String.valueOf(alert.id())).failures();
            assertTrue(failures.stream().anyMatch(f -> f.givenUp() && f.error().contains("410")), failures.toString());
        }
    }

    @Test
    void a_message_another_sender_tried_and_set_back_since_it_was_listed_is_not_claimed_again() throws Exception {
        try (Setup setup = new Setup(Backend.EMBEDDED, dataDir)) {
            setup.alert();
            setup.fire();
            long now = setup.world.clock.millis();
            var listed = setup.outbox.due(now, 10);
            assertEquals(1, listed.size());
            var other = setup.outbox.claim(listed.get(0), now, now + 60_000).orElseThrow();
            setup.outbox.retryLater(other.id(), now + 30_000, "smtp down");

            assertTrue(setup.outbox.claim(listed.get(0), now + 1, now + 60_001).isEmpty(),
                    "it waits out its backoff, whoever listed it");
            assertEquals(2, setup.outbox.claim(listed.get(0), now + 30_000, now + 90_000).orElseThrow().attempts(),
                    "then it is claimed for its second attempt");
        }
    }

    private static boolean isType(BodyPart part, String type) {
        try {
            return part.isMimeType(type);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<BodyPart> leaves(Multipart multipart) throws Exception {
        List<BodyPart> found = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner) {
                found.addAll(leaves(inner));
            } else {
                found.add(part);
            }
        }
        return found;
    }
}
