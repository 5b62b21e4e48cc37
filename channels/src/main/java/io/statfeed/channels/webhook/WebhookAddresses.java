package io.statfeed.channels.webhook;

import io.statfeed.core.model.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Checks a webhook URL when someone saves it, so a bad one is refused in the form rather than
 * failing at every alert. {@link WebhookSender} checks again at each send: a name can come to
 * resolve elsewhere after it was saved.
 */
public final class WebhookAddresses {
    private WebhookAddresses() {
    }

    /**
     * An absolute http(s) URL of at most 2,000 characters, with a host and no user name or
     * password, whose host is an IP literal or a name that resolves, and (unless
     * {@code allowPrivate}) whose every address is on the public internet.
     */
    public static void requireAllowed(String url, boolean allowPrivate) throws InvalidInputException {
        requireAllowed(url, allowPrivate, HostResolver.SYSTEM);
    }

    static void requireAllowed(String url, boolean allowPrivate, HostResolver resolver) throws InvalidInputException {
        WebhookTarget target;
        try {
            target = WebhookTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        List<InetAddress> addresses;
        try {
            addresses = target.addresses(resolver);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("webhook_url's host " + target.host() + " does not resolve to an address");
        }
        if (!allowPrivate) {
            Optional<String> refusal = refusal(target, addresses);
            if (refusal.isPresent()) {
                throw new InvalidInputException(refusal.get());
            }
        }
    }

    /** Why these addresses may not be called, naming the first that is not public; empty when all are. */
    static Optional<String> refusal(WebhookTarget target, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            Optional<String> kind = PrivateAddresses.kind(address);
            if (kind.isPresent()) {
                String shown = address.getHostAddress();
                String where = target.bareHost().equalsIgnoreCase(shown) ? shown : target.host() + " (" + shown + ")";
                return Optional.of("webhook_url must reach a public address; " + where + " is "
                        + article(kind.get()) + " " + kind.get() + " address");
            }
        }
        return Optional.empty();
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
