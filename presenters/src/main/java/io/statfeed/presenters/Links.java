package io.statfeed.presenters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The web-app's addresses, made absolute with the base people reach it at (for JSON, embed code
 * and mails, which are read elsewhere); pages use them as they are.
 */
public record Links(String base) {
    public String statPage(long statId) {
        return base + "/stats/" + statId;
    }

    public String statGraph(long statId, String frame, String extension) {
        return base + "/stats/" + statId + "/graph." + extension + "?tf=" + encode(frame);
    }

    public String embedScript() {
        return base + "/embed.js";
    }

    public String embedGraph(String embedKey, String frame, String extension) {
        return base + "/embed/graph." + extension + "?s1=" + encode(embedKey) + "&tf=" + encode(frame);
    }

    public String sharedStat(String shareToken) {
        return base + "/s/" + encode(shareToken);
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
