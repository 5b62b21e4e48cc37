package io.statfeed.channels.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.DeliveryException;
import io.statfeed.channels.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"alert\":\"errors\",\"value\":42.5,\"stat\":\"größe\"}";
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = Receiver.http();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void a_call_arrives_signed_named_and_as_json() throws Exception {
        privateAllowed().send(call(receiver.url("127.0.0.1", "/hooks/7?team=ops")));

        Receiver.Request request = receiver.next();
        assertNotNull(request);
        assertEquals("/hooks/7?team=ops", request.path());
        assertEquals("application/json", request.contentType());
        assertEquals("Statfeed", request.userAgent());
        assertEquals("delivery-7-1", request.delivery());
        assertEquals(BODY, request.body());
        assertTrue(WebhookSignatures.verify(SECRET, request.body(), request.signature()));
        assertEquals("127.0.0.1:" + receiver.port(), request.host());
    }

    @Test
    void a_name_is_looked_up_once_and_the_request_goes_to_that_address_with_the_name_as_host() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        WebhookSender sender = new WebhookSender(true, TIMEOUT, host -> {
            lookups.incrementAndGet();
            assertEquals(TestTls.HOOKS_HOST, host);
            return List.of(InetAddress.getLoopbackAddress());
        }, (SSLSocketFactory) SSLSocketFactory.getDefault());

        sender.send(call(receiver.url(TestTls.HOOKS_HOST, "/hook")));

        assertEquals(1, lookups.get());
        assertEquals(TestTls.HOOKS_HOST + ":" + receiver.port(), receiver.next().host());
    }

    @Test
    void only_a_2xx_answer_is_success() throws Exception {
        assertDoesNotThrow(() -> privateAllowed().send(call(receiver.url("127.0.0.1", "/status/200"))));
        assertDoesNotThrow(() -> privateAllowed().send(call(receiver.url("127.0.0.1", "/status/202"))));
        assertDoesNotThrow(() -> privateAllowed().send(call(receiver.url("127.0.0.1", "/status/204"))));
    }

    @Test
    void server_errors_and_rate_limits_are_worth_retrying_and_other_client_errors_are_not() {
        assertTrue(failure("/status/500").retryable());
        assertTrue(failure("/status/503").retryable());
        assertTrue(failure("/status/429").retryable());
        DeliveryException badRequest = failure("/status/400");
        assertFalse(badRequest.retryable());
        assertTrue(badRequest.getMessage().endsWith("answered 400"), badRequest.getMessage());
        assertFalse(failure("/status/404").retryable());
        assertFalse(failure("/status/410").retryable());
    }

    @Test
    void a_redirect_is_not_followed_and_not_retried() throws Exception {
        DeliveryException e = failure("/moved");
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("answered 302, a redirect; redirects are not followed"), e.getMessage());
        assertEquals("/moved", receiver.next().path());
        assertEquals(List.of(), receiver.received(), "the redirect's target was not called");
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_is_worth_retrying() {
        long start = System.nanoTime();
        DeliveryException e = failure("/slow");
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("did not answer within 500 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000);
    }

    @Test
    void a_receiver_that_is_down_is_worth_retrying() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException e = assertThrows(DeliveryException.class, () -> privateAllowed().send(
                call(URI.create("http://127.0.0.1:" + closedPort + "/hook"))));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("could not be reached: ConnectException"), e.getMessage());
    }

    @Test
    void an_answer_that_is_not_http_is_not_retried() throws Exception {
        try (ServerSocket notHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = notHttp.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // read all the client sends until it hangs up: closing with its request unread would
                    // reset the connection, and the client could see the reset before the banner
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            server.setDaemon(true);
            server.start();
            DeliveryException e = assertThrows(DeliveryException.class, () -> privateAllowed().send(
                    call(URI.create("http://127.0.0.1:" + notHttp.getLocalPort() + "/hook"))));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("not HTTP/1.x: 'SSH-2.0-OpenSSH_9.2'"), e.getMessage());
        }
    }

    @Test
    void private_and_local_addresses_are_refused_at_send_time_unless_allowed() throws Exception {
        WebhookSender publicOnly = new WebhookSender(false, TIMEOUT);
        int port = receiver.port();
        for (String host : List.of("127.0.0.1", "localhost", "10.0.0.1", "169.254.169.254", "[::1]", "0.0.0.0")) {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> publicOnly.send(call(URI.create("http://" + host + ":" + port + "/hook"))), host);
            assertFalse(e.retryable(), host);
            assertTrue(e.getMessage().startsWith("webhook_url must reach a public address; "), e.getMessage());
        }
        assertEquals(List.of(), receiver.received(), "nothing reached the receiver");
    }

    @Test
    void a_name_with_any_private_address_is_refused_even_when_another_is_public() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        WebhookSender sender = new WebhookSender(false, TIMEOUT,
                host -> List.of(publicAddress, InetAddress.getLoopbackAddress()),
                (SSLSocketFactory) SSLSocketFactory.getDefault());
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sender.send(call(receiver.url(TestTls.HOOKS_HOST, "/hook"))));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("webhook_url must reach a public address; " + TestTls.HOOKS_HOST
                + " (127.0.0.1) is a loopback address"), e.getMessage());
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void a_name_that_does_not_resolve_now_is_worth_retrying() {
        WebhookSender sender = new WebhookSender(false, TIMEOUT, host -> {
            throw new java.net.UnknownHostException(host);
        }, (SSLSocketFactory) SSLSocketFactory.getDefault());
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sender.send(call(URI.create("https://hooks.example.invalid/x"))));
        assertTrue(e.retryable());
    }

    @Test
    void failure_messages_leave_out_the_path_where_receivers_keep_their_secret() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> privateAllowed().send(
                call(receiver.url("127.0.0.1", "/status/404?token=t0p-secret"))));
        assertEquals("webhook WebhookCall[http://127.0.0.1:" + receiver.port() + "/..., delivery delivery-7-1] "
                + "answered 404", e.getMessage());
    }

    @Test
    void a_url_that_is_not_http_is_refused_without_retrying() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> privateAllowed().send(call(URI.create("ftp://127.0.0.1/x"))));
        assertFalse(e.retryable());
    }

    private DeliveryException failure(String path) {
        return assertThrows(DeliveryException.class, () -> privateAllowed().send(call(receiver.url("127.0.0.1", path))));
    }

    private static WebhookSender privateAllowed() {
        return new WebhookSender(true, TIMEOUT);
    }

    private static WebhookCall call(URI url) {
        return new WebhookCall(url, SECRET, "delivery-7-1", BODY);
    }
}
