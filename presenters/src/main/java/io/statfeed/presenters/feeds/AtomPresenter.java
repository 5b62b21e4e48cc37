package io.statfeed.presenters.feeds;

import io.statfeed.core.model.feeds.Activity;
import io.statfeed.interactor.feeds.FeedPage;
import io.statfeed.presenters.Links;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A timeline as an Atom 1.0 feed (RFC 4287) for feed readers. Every text is escaped: annotation
 * texts and stat names are user input.
 */
public final class AtomPresenter {
    private AtomPresenter() {
    }

    /** @param self the feed's own address (with its secret), which Atom asks a feed to name */
    public static String atom(FeedPage page, String title, String self, long nowMillis, Links links) {
        String updated = page.activities().isEmpty() ? time(nowMillis) : time(page.activities().get(0).occurredAtMillis());
        StringBuilder xml = new StringBuilder(4096)
                .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title>").append(escape(title)).append("</title>\n")
                .append("  <id>").append(escape(links.base() + "/feed")).append("</id>\n")
                .append("  <link rel=\"self\" href=\"").append(escape(self)).append("\"/>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(links.base() + "/feed"))
                .append("\"/>\n")
                .append("  <updated>").append(updated).append("</updated>\n")
                .append("  <author><name>Statfeed</name></author>\n");
        for (Activity a : page.activities()) {
            String url = links.base() + ActivityText.path(a);
            xml.append("  <entry>\n")
                    .append("    <id>").append(escape(links.base() + "/activities/" + a.id())).append("</id>\n")
                    .append("    <title>").append(escape(ActivityText.summary(a))).append("</title>\n")
                    .append("    <link href=\"").append(escape(url)).append("\"/>\n")
                    .append("    <updated>").append(time(a.occurredAtMillis())).append("</updated>\n")
                    .append("    <category term=\"").append(escape(a.verb().code())).append("\"/>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String time(long millis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }

    /** XML 1.0 text: the five special characters escaped, characters XML cannot carry dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
