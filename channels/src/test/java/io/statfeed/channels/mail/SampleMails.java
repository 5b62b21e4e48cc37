package io.statfeed.channels.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mail the sender tests send, and what a receiver must find in it. */
final class SampleMails {
    static final String FROM = "Statfeed Überwachung <alerts@stats.example.com>";
    static final String UNSUBSCRIBE = "<https://stats.example.com/unsubscribe/t0k3n>, <mailto:unsubscribe@stats.example.com>";
    /** Every byte value, so a base64 round trip that loses one shows. */
    static final byte[] GRAPH = new byte[256];

    static {
        for (int i = 0; i < GRAPH.length; i++) {
            GRAPH[i] = (byte) i;
        }
    }

    private SampleMails() {
    }

    static Mail alert(String messageId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", UNSUBSCRIBE);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Mail("Ana Müller <ana@example.com>", "errors ↑ 40% — über der Grenze",
                "errors went up 40% in the last hour\nhttps://stats.example.com/stats/7\n",
                "<p>errors went up <b>40%</b> — größer</p><img src=\"cid:graph-7\" alt=\"graph\">",
                List.of(new InlineImage("graph-7", "image/png", GRAPH)), messageId, headers);
    }

    /** The structure both senders promise, checked on a message as a receiver parsed it. */
    static void assertAlert(Mail sent, MimeMessage received) throws MessagingException, IOException {
        assertEquals(sent.subject(), received.getSubject());
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertEquals("alerts@stats.example.com", from.getAddress());
        assertEquals("Statfeed Überwachung", from.getPersonal());
        InternetAddress to = (InternetAddress) received.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertEquals("ana@example.com", to.getAddress());
        assertEquals("Ana Müller", to.getPersonal());
        assertEquals("<" + sent.messageId() + "@stats.example.com>", received.getMessageID());
        assertEquals(UNSUBSCRIBE, received.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
        assertEquals("auto-generated", received.getHeader("Auto-Submitted", null));
        assertTrue(received.getHeader("Subject", null).startsWith("=?UTF-8?"), "a non-ASCII subject is encoded");

        assertTrue(received.isMimeType("multipart/alternative"), received.getContentType());
        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertEquals(2, alternative.getCount());

        MimeBodyPart text = (MimeBodyPart) alternative.getBodyPart(0);
        assertTrue(text.isMimeType("text/plain"));
        assertEquals("UTF-8", new ContentType(text.getContentType()).getParameter("charset"));
        assertEquals(sent.plainText(), lf(text.getContent()));

        MimeBodyPart relatedPart = (MimeBodyPart) alternative.getBodyPart(1);
        assertTrue(relatedPart.isMimeType("multipart/related"), relatedPart.getContentType());
        assertEquals("text/html", new ContentType(relatedPart.getContentType()).getParameter("type"));
        MimeMultipart related = (MimeMultipart) relatedPart.getContent();
        assertEquals(2, related.getCount());

        MimeBodyPart html = (MimeBodyPart) related.getBodyPart(0);
        assertTrue(html.isMimeType("text/html"));
        assertEquals("UTF-8", new ContentType(html.getContentType()).getParameter("charset"));
        assertEquals(sent.html(), lf(html.getContent()));

        MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
        assertTrue(image.isMimeType("image/png"), image.getContentType());
        assertEquals("<graph-7>", image.getContentID());
        assertTrue(sent.html().contains("cid:" + image.getContentID().replaceAll("[<>]", "")));
        assertEquals(Part.INLINE, image.getDisposition());
        assertArrayEquals(GRAPH, image.getInputStream().readAllBytes());
    }

    /** SMTP carries lines ending in CRLF; the text was written with LF. */
    private static String lf(Object content) {
        return ((String) content).replace("\r\n", "\n");
    }
}
