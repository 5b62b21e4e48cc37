package io.statfeed.channels.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.testing.TestTls;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket goes to the checked address, while SNI and the certificate check use the URL's name. */
class HttpsWebhookSenderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Receiver receiver;
    private WebhookSender sender;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.https(TestTls.get().serverContext());
        sender = new WebhookSender(true, TIMEOUT, host -> List.of(InetAddress.getLoopbackAddress()),
                TestTls.get().clientContext().getSocketFactory());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void a_call_over_https_names_the_host_in_sni_and_the_host_header() throws Exception {
        sender.send(new WebhookCall(receiver.url(TestTls.HOOKS_HOST, "/hook"), "s", "d-1", "{}"));

        Receiver.Request request = receiver.next();
        assertEquals(TestTls.HOOKS_HOST, request.sniHost());
        assertEquals(TestTls.HOOKS_HOST + ":" + receiver.port(), request.host());
        assertTrue(WebhookSignatures.verify("s", "{}", request.signature()));
    }

    @Test
    void a_certificate_for_another_name_is_refused_and_not_retried() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sender.send(
                new WebhookCall(receiver.url("other.statfeed.test", "/hook"), "s", "d-1", "{}")));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("certificate that is not valid for other.statfeed.test"), e.getMessage());
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void an_untrusted_certificate_is_refused() throws Exception {
        WebhookSender trustingTheUsualAuthorities = new WebhookSender(true, TIMEOUT,
                host -> List.of(InetAddress.getLoopbackAddress()),
                javax.net.ssl.SSLContext.getDefault().getSocketFactory());
        DeliveryException e = assertThrows(DeliveryException.class, () -> trustingTheUsualAuthorities.send(
                new WebhookCall(receiver.url(TestTls.HOOKS_HOST, "/hook"), "s", "d-1", "{}")));
        assertFalse(e.retryable());
    }
}
