package io.statfeed.channels.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.core.model.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookAddressesTest {
    @Test
    void addresses_inside_this_machine_or_its_networks_are_refused() {
        assertEquals("webhook_url must reach a public address; 127.0.0.1 is a loopback address",
                refused("http://127.0.0.1:8080/hook"));
        assertEquals("webhook_url must reach a public address; localhost (127.0.0.1) is a loopback address",
                refused("http://localhost/hook"));
        assertEquals("webhook_url must reach a public address; 10.0.0.1 is a private address",
                refused("https://10.0.0.1/hook"));
        assertEquals("webhook_url must reach a public address; 169.254.169.254 is a link-local address",
                refused("http://169.254.169.254/latest/meta-data/"));
        assertEquals("webhook_url must reach a public address; [::1] (0:0:0:0:0:0:0:1) is a loopback address",
                refused("http://[::1]:9000/"));
        assertEquals("webhook_url must reach a public address; 0.0.0.0 is an any-local address",
                refused("http://0.0.0.0/"));
    }

    @Test
    void every_kind_of_non_public_address_is_refused() {
        for (String url : List.of("http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
                "http://100.64.0.1/", "http://100.127.255.254/", "http://224.0.0.1/", "http://255.255.255.255/",
                "http://0.1.2.3/", "http://2130706433/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
                "http://[fe80::1]/", "http://[::]/", "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:0101::1]/",
                "http://[::10.0.0.1]/")) {
            assertThrows(InvalidInputException.class, () -> WebhookAddresses.requireAllowed(url, false), url);
        }
    }

    @Test
    void public_literals_pass_without_any_lookup() {
        for (String url : List.of("https://93.184.216.34/hook", "http://8.8.8.8:8080/x?y=1", "http://172.32.0.1/",
                "http://100.128.0.1/", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook")) {
            assertDoesNotThrow(() -> WebhookAddresses.requireAllowed(url, false, host -> {
                throw new AssertionError("looked up " + host);
            }), url);
        }
    }

    @Test
    void a_name_passes_when_every_address_it_resolves_to_is_public() throws Exception {
        InetAddress good = InetAddress.getByName("93.184.216.34");
        InetAddress internal = InetAddress.getByName("10.1.2.3");
        assertDoesNotThrow(() -> WebhookAddresses.requireAllowed("https://hooks.example.com/x", false,
                host -> List.of(good)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WebhookAddresses.requireAllowed(
                "https://hooks.example.com/x", false, host -> List.of(good, internal)));
        assertEquals("webhook_url must reach a public address; hooks.example.com (10.1.2.3) is a private address",
                e.getMessage());
    }

    @Test
    void private_addresses_pass_when_allowed() {
        assertDoesNotThrow(() -> WebhookAddresses.requireAllowed("http://127.0.0.1:8080/hook", true));
        assertDoesNotThrow(() -> WebhookAddresses.requireAllowed("http://localhost/hook", true));
        assertDoesNotThrow(() -> WebhookAddresses.requireAllowed("http://10.0.0.1/hook", true));
    }

    @Test
    void the_url_itself_must_be_an_absolute_http_address_with_a_host_and_no_login() {
        assertEquals("webhook_url must be an absolute http:// or https:// URL", refused("ftp://93.184.216.34/x"));
        assertEquals("webhook_url must be an absolute http:// or https:// URL", refused("/hooks/1"));
        assertEquals("webhook_url must be an absolute http:// or https:// URL", refused("mailto:a@b.c"));
        assertEquals("webhook_url must not contain a user name or password; the receiver checks "
                + "X-Statfeed-Signature instead", refused("https://user:pw@93.184.216.34/x"));
        assertTrue(refused("http:///x").startsWith("webhook_url must name a host"));
        assertEquals("webhook_url is not a valid URL: Illegal character in path at character 23",
                refused("http://93.184.216.34/a b"));
        assertEquals("webhook_url is missing", refused(""));
        assertEquals("webhook_url must be at most 2000 characters, got 2001",
                refused("http://93.184.216.34/" + "a".repeat(2001 - 21)));
        assertDoesNotThrow(() -> WebhookAddresses.requireAllowed("http://93.184.216.34/" + "a".repeat(2000 - 21), false));
    }

    @Test
    void a_name_that_does_not_resolve_is_refused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WebhookAddresses.requireAllowed(
                "https://nothing.example.invalid/x", false, host -> {
                    throw new UnknownHostException(host);
                }));
        assertEquals("webhook_url's host nothing.example.invalid does not resolve to an address", e.getMessage());
    }

    private static String refused(String url) {
        return assertThrows(InvalidInputException.class, () -> WebhookAddresses.requireAllowed(url, false), url)
                .getMessage();
    }
}
