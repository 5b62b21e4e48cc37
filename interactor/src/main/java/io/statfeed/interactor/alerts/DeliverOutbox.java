package io.statfeed.interactor.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.mail.MailSender;
import io.statfeed.channels.webhook.WebhookCall;
import io.statfeed.channels.webhook.WebhookSender;
import io.statfeed.core.model.Stat;
import io.statfeed.core.model.alerts.Alert;
import io.statfeed.core.model.alerts.OutboxMessage;
import io.statfeed.core.storage.AlertStore;
import io.statfeed.core.storage.OutboxStore;
import io.statfeed.core.storage.StatStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims due messages (so two schedulers never send one at once),
 * sends each through its channel and marks it delivered; a failure is retried with exponential
 * backoff until {@link #GIVE_UP_AFTER}, a refusal (bad address, a webhook's 4xx) is given up at
 * once. Either way the failure is kept and shown on the alert's page. A message whose send
 * succeeded but whose "delivered" mark was lost (the process died between) is sent again with the
 * same idempotency key, which the receiver uses to tell it is the same message.
 */
public final class DeliverOutbox {
    private static final Logger log = LoggerFactory.getLogger(DeliverOutbox.class);
    /** Messages one run takes; the job runs again at once when there were more. */
    public static final int BATCH = 200;
    /**
     * How long a claim holds: past the slowest send (an SMTP step times out after 10 s, a webhook
     * after at most 30 s), and short, since a sender that dies holds its message back this long.
     */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    /** A message still failing three days on tells nobody anything useful any more. */
    static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

    private final OutboxStore outbox;
    private final AlertStore alerts;
    private final StatStore stats;
    private final MailSender mail;
    private final WebhookSender webhooks;
    private final AlertGraphs graphs;
    private final URI webBase;
    private final Clock clock;

    /** Draws a stat's last day for its alert mails; empty when no graph can be drawn. */
    public interface AlertGraphs {
        Optional<byte[]> lastDay(Stat stat);
    }

    public DeliverOutbox(OutboxStore outbox, AlertStore alerts, StatStore stats, MailSender mail,
                         WebhookSender webhooks, AlertGraphs graphs, URI webBase, Clock clock) {
        this.outbox = outbox;
        this.alerts = alerts;
        this.stats = stats;
        this.mail = mail;
        this.webhooks = webhooks;
        this.graphs = graphs;
        this.webBase = webBase;
        this.clock = clock;
    }

    /** What one run did. */
    public record Sent(int delivered, int retrying, int givenUp) {
    }

    public Sent run() {
        List<OutboxMessage> due = outbox.due(clock.millis(), BATCH);
        int delivered = 0;
        int retrying = 0;
        int givenUp = 0;
        for (OutboxMessage candidate : due) {
            long now = clock.millis();
            Optional<OutboxMessage> claimed = outbox.claim(candidate, now, now + LEASE.toMillis());
            if (claimed.isEmpty()) {
                continue; // another sender has it
            }
            OutboxMessage message = claimed.get();
            try {
                send(message);
                outbox.delivered(message.id(), clock.millis());
                delivered++;
            } catch (DeliveryException e) {
                long at = clock.millis();
                if (e.retryable() && at - message.createdAtMillis() < GIVE_UP_AFTER.toMillis()) {
                    outbox.retryLater(message.id(), at + backoff(message.attempts()).toMillis(), e.getMessage());
                    retrying++;
                } else {
                    outbox.giveUp(message.id(), at, e.getMessage());
                    givenUp++;
                }
                log.warn("{} {} to {} failed (attempt {}): {}", message.channel().storedName(), message.idempotencyKey(),
                        message.recipient(), message.attempts(), e.getMessage());
            }
        }
        return new Sent(delivered, retrying, givenUp);
    }

    /** 30 s, 1 min, 2 min, ... at most an hour. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private void send(OutboxMessage message) throws DeliveryException {
        Optional<Alert> alert = alerts.findById(message.alertId());
        switch (message.channel()) {
            case EMAIL -> {
                JsonNode payload = parse(message);
                Optional<Stat> stat = alert.flatMap(a -> stats.findLiveById(a.accountId(), a.statId()));
                mail.send(AlertMail.compose(message.recipient(), message.idempotencyKey(), payload, stat,
                        stat.flatMap(graphs::lastDay), webBase));
            }
            case WEBHOOK -> {
                String secret = alert.map(Alert::webhookSecret).orElseThrow(() ->
                        new DeliveryException("the alert was deleted before its webhook call was made", false));
                webhooks.send(new WebhookCall(URI.create(message.recipient()), secret, message.idempotencyKey(),
                        message.payload()));
            }
        }
    }

    private static JsonNode parse(OutboxMessage message) throws DeliveryException {
        try {
            return AlertMessages.JSON.readTree(message.payload());
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the message's payload is not JSON: " + e.getOriginalMessage(), false);
        }
    }
}
