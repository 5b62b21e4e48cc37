package io.statfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ForwardedClientsTest {
    private static final Set<String> PROXIES = Set.of("127.0.0.1", "10.0.0.5");
    private static final Predicate<InetAddress> TRUSTED = a -> PROXIES.contains(a.getHostAddress());
    private static final Function<String, Optional<InetAddress>> LITERAL = text -> {
        if (!text.matches("[0-9.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    };

    private static String client(String... values) {
        return ForwardedClients.client(List.of(values), TRUSTED, LITERAL).map(InetAddress::getHostAddress).orElse("none");
    }

    @Test
    void the_address_the_last_trusted_proxy_saw_is_the_client() {
        assertEquals("203.0.113.7", client("203.0.113.7"));
        // what the client wrote itself stays to the left and is not believed
        assertEquals("203.0.113.7", client("198.51.100.1, 203.0.113.7"));
        // a chain of trusted proxies is walked through
        assertEquals("203.0.113.7", client("198.51.100.1, 203.0.113.7, 10.0.0.5"));
        assertEquals("203.0.113.7", client("198.51.100.1", "203.0.113.7,10.0.0.5"));
    }

    @Test
    void garbage_ends_the_walk_and_no_header_changes_nothing() {
        assertEquals("none", client());
        assertEquals("none", client("not-an-address"));
        assertEquals("10.0.0.5", client("evil.example, 10.0.0.5"));
        assertEquals("203.0.113.7", client("evil.example, 203.0.113.7"));
        assertEquals("10.0.0.5", client("10.0.0.5, 127.0.0.1")); // all proxies: the left-most
    }
}
