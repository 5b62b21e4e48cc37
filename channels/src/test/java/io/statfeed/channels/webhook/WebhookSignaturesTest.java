package io.statfeed.channels.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String BODY = "Hello, World!";

    @Test
    void the_signature_is_the_hex_hmac_sha256_of_the_body_as_github_computes_it() {
        // GitHub's documented example, so receivers can check theirs against a known answer
        assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                WebhookSignatures.sign(SECRET, BODY));
    }

    @Test
    void verify_accepts_the_signature_and_refuses_any_change() {
        String header = WebhookSignatures.sign(SECRET, BODY);
        assertTrue(WebhookSignatures.verify(SECRET, BODY, header));
        assertTrue(WebhookSignatures.verify(SECRET, BODY, header.toUpperCase().replace("SHA256=", "sha256=")));
        assertFalse(WebhookSignatures.verify(SECRET, BODY + " ", header));
        assertFalse(WebhookSignatures.verify("other secret", BODY, header));
        assertFalse(WebhookSignatures.verify(SECRET, BODY, header.substring(0, header.length() - 2)));
        assertFalse(WebhookSignatures.verify(SECRET, BODY, header.replace("sha256=", "sha1=")));
        assertFalse(WebhookSignatures.verify(SECRET, BODY, "sha256=not-hex"));
        assertFalse(WebhookSignatures.verify(SECRET, BODY, null));
    }

    @Test
    void bodies_are_signed_as_utf8() {
        String body = "{\"stat\":\"größe\"}";
        assertTrue(WebhookSignatures.verify("k", body, WebhookSignatures.sign("k", body)));
        assertFalse(WebhookSignatures.sign("k", body).equals(WebhookSignatures.sign("k", "{\"stat\":\"grosse\"}")));
    }
}
