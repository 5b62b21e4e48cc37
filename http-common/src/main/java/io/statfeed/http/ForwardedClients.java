package io.statfeed.http;

import io.javalin.config.JavalinConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The client's address behind a load balancer. A request that comes from a trusted proxy (nginx)
 * gets, as its remote address ({@code ctx.ip()}), the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy: the one the last trusted proxy saw.
 * What a client writes in the header itself stays to the left of that, so it is never believed.
 * Requests from anywhere else keep their socket's address, header or not. Limits per client
 * address (sign-ups, log-ins, unknown keys) thereby count clients, not the proxy.
 */
public final class ForwardedClients {
    private ForwardedClients() {
    }

    /**
     * Installs the rewrite; {@code trusted} says whether an address is a proxy's, {@code literal}
     * parses an address without DNS (empty for anything else). No trusted proxies: nothing changes.
     */
    public static void configure(JavalinConfig config, Predicate<InetAddress> trusted,
                                 Function<String, Optional<InetAddress>> literal) {
        config.jetty.modifyHttpConfiguration(http -> http.addCustomizer((connector, channel, request) ->
                rewrite(request, trusted, literal)));
    }

    private static void rewrite(Request request, Predicate<InetAddress> trusted,
                                Function<String, Optional<InetAddress>> literal) {
        InetSocketAddress remote = request.getRemoteInetSocketAddress();
        if (remote == null || remote.getAddress() == null || !trusted.test(remote.getAddress())) {
            return;
        }
        List<String> forwarded = request.getHttpFields().getValuesList(HttpHeader.X_FORWARDED_FOR);
        client(forwarded, trusted, literal).ifPresent(client ->
                request.setRemoteAddr(new InetSocketAddress(client, remote.getPort())));
    }

    /**
     * The client in the {@code X-Forwarded-For} values (each a comma-separated list, oldest hop
     * first): walking from the right, the first address that is not a trusted proxy; when every
     * one is, the left-most. An entry that is not an address ends the walk at the one before it.
     */
    static Optional<InetAddress> client(List<String> values, Predicate<InetAddress> trusted,
                                        Function<String, Optional<InetAddress>> literal) {
        InetAddress found = null;
        for (int v = values.size() - 1; v >= 0; v--) {
            String[] hops = values.get(v).split(",");
            for (int h = hops.length - 1; h >= 0; h--) {
                Optional<InetAddress> hop = literal.apply(hops[h].strip());
                if (hop.isEmpty()) {
                    return Optional.ofNullable(found);
                }
                found = hop.get();
                if (!trusted.test(found)) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
