package io.statfeed.channels.webhook;

import io.statfeed.channels.DeliveryException;
import io.statfeed.core.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs a {@link WebhookCall}'s JSON, signed ({@code X-Statfeed-Signature}) and named
 * ({@code X-Statfeed-Delivery}), and says whether the receiver took it. A 2xx answer is success;
 * redirects are not followed (a receiver that moved must be saved anew, and following one would
 * skip the address check). At every send the host is looked up again and refused if any of its
 * addresses is not public, unless private addresses are allowed; the request then goes to an
 * address that was checked, never to a second lookup's.
 */
public final class WebhookSender {
    static final String USER_AGENT = "Statfeed";
    public static final String DELIVERY_HEADER = "X-Statfeed-Delivery";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int TOO_EARLY = 425;

    private final boolean allowPrivate;
    private final Duration timeout;
    private final HostResolver resolver;
    private final PinnedHttpPost http;

    public WebhookSender(boolean allowPrivate, Duration timeout) {
        this(allowPrivate, timeout, HostResolver.SYSTEM, defaultTls());
    }

    /** Tests look names up their own way and trust their own certificate. */
    WebhookSender(boolean allowPrivate, Duration timeout, HostResolver resolver, SSLSocketFactory tls) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a webhook timeout must be positive, got " + timeout);
        }
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        this.resolver = resolver;
        this.http = new PinnedHttpPost(tls);
    }

    public static WebhookSender from(Settings.Webhooks settings) {
        return new WebhookSender(settings.allowPrivate(), settings.timeout());
    }

    public void send(WebhookCall call) throws DeliveryException {
        WebhookTarget target = target(call);
        List<InetAddress> addresses = checkedAddresses(call, target);
        int status = post(call, target, addresses);
        if (status / 100 != 2) {
            throw refused(call, status);
        }
    }

    private static WebhookTarget target(WebhookCall call) throws DeliveryException {
        try {
            return WebhookTarget.of(call.url());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(e.getMessage() + " (" + call + ")", false, e);
        }
    }

    private List<InetAddress> checkedAddresses(WebhookCall call, WebhookTarget target) throws DeliveryException {
        List<InetAddress> addresses;
        try {
            addresses = target.addresses(resolver);
        } catch (UnknownHostException e) {
            // DNS may be down for a moment; a name that really went away fails every retry the same way
            throw new DeliveryException("webhook host " + target.host() + " does not resolve (" + call + ")", true, e);
        }
        if (!allowPrivate) {
            Optional<String> refusal = WebhookAddresses.refusal(target, addresses);
            if (refusal.isPresent()) {
                throw new DeliveryException(refusal.get() + "; refused to call it (" + call + ")", false);
            }
        }
        return addresses;
    }

    private int post(WebhookCall call, WebhookTarget target, List<InetAddress> addresses) throws DeliveryException {
        byte[] body = call.jsonBody().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        headers.put("Content-Type", "application/json");
        headers.put(WebhookSignatures.HEADER, WebhookSignatures.sign(call.secret(), call.jsonBody()));
        headers.put(DELIVERY_HEADER, call.idempotencyKey());
        try {
            return http.post(target, addresses, headers, body, timeout);
        } catch (SocketTimeoutException e) {
            throw new DeliveryException("webhook " + call + " did not answer within " + timeout.toMillis() + " ms",
                    true, e);
        } catch (ProtocolException e) {
            throw new DeliveryException("webhook " + call + " answered something else than HTTP: " + e.getMessage(),
                    false, e);
        } catch (IOException e) {
            if (certificateRefused(e)) {
                throw new DeliveryException("webhook " + call + " showed a certificate that is not valid for "
                        + target.bareHost() + ": " + e.getMessage(), false, e);
            }
            throw new DeliveryException("webhook " + call + " could not be reached: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), true, e);
        }
    }

    private static DeliveryException refused(WebhookCall call, int status) {
        if (status / 100 == 3) {
            return new DeliveryException("webhook " + call + " answered " + status
                    + ", a redirect; redirects are not followed, so save the address it points to", false);
        }
        boolean retryable = status / 100 == 5 || status == TOO_MANY_REQUESTS || status == REQUEST_TIMEOUT
                || status == TOO_EARLY;
        return new DeliveryException("webhook " + call + " answered " + status, retryable);
    }

    private static boolean certificateRefused(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSender[allowPrivate=" + allowPrivate + ", timeout=" + timeout.toMillis() + " ms]";
    }
}
