package io.statfeed.channels.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A webhook URL taken apart for the one request Statfeed makes to it. Parsing refuses what a
 * webhook URL must not be, with a message naming the field {@code webhook_url}.
 *
 * @param host as in the URL, with brackets around an IPv6 literal
 */
record WebhookTarget(boolean https, String host, int port, String requestTarget) {
    static final int MAX_URL_LENGTH = 2_000;
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

    static WebhookTarget parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("webhook_url is missing");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("webhook_url must be at most " + MAX_URL_LENGTH + " characters, got "
                    + url.length());
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook_url is not a valid URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
        }
        return of(uri);
    }

    static WebhookTarget of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()) {
            throw new IllegalArgumentException("webhook_url must be an absolute http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("webhook_url must not contain a user name or password; "
                    + "the receiver checks X-Statfeed-Signature instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("webhook_url must name a host (letters, digits, dots and dashes, "
                    + "or an IP address)");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? HTTPS_PORT : HTTP_PORT;
        if (port == 0) {
            throw new IllegalArgumentException("webhook_url must not name port 0");
        }
        // the ASCII form percent-encodes anything outside US-ASCII, so the request line stays ASCII
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
        return new WebhookTarget(https, uri.getHost().toLowerCase(Locale.ROOT), port, path + query);
    }

    /** The host to look up and to check the certificate against: an IPv6 literal without its brackets. */
    String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host's addresses: an IP literal is its own, with no lookup; a name is asked of the resolver. */
    List<InetAddress> addresses(HostResolver resolver) throws UnknownHostException {
        return hostIsLiteral() ? List.of(InetAddress.getAllByName(bareHost())) : resolver.resolve(bareHost());
    }

    boolean hostIsLiteral() {
        return host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
    }

    /** As a browser writes it: the port only when it is not the scheme's own. */
    String hostHeader() {
        return port == (https ? HTTPS_PORT : HTTP_PORT) ? host : host + ":" + port;
    }
}
