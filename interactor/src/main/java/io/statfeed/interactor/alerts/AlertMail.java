package io.statfeed.interactor.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.statfeed.channels.mail.InlineImage;
import io.statfeed.channels.mail.Mail;
import io.statfeed.core.model.Stat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An alert's mail, composed from its outbox payload when it is sent: a subject that says what
 * happened, plain text and HTML with inline styles (mail clients ignore style sheets), and the
 * stat's last day drawn inline when a graph could be drawn.
 */
final class AlertMail {
    static final String GRAPH_CID = "graph";

    private AlertMail() {
    }

    static Mail compose(String to, String messageId, JsonNode payload, Optional<Stat> stat, Optional<byte[]> graph,
                        URI webBase) {
        boolean firing = "firing".equals(payload.path("state").asText());
        boolean reminder = payload.path("renotify").asBoolean();
        boolean test = payload.path("test").asBoolean();
        String statName = payload.path("stat_name").asText();
        String statUrl = webBase + "/stats/" + payload.path("stat_id").asText();
        String subject = (test ? "Test: " : reminder ? "Still firing: " : firing ? "Alert: " : "Resolved: ") + statName + " — "
                + (firing ? payload.path("condition").asText() : "back to normal");
        String message = payload.path("message").asText();
        String text = message + "\n\nCondition: " + payload.path("condition").asText() + "\n" + statUrl + "\n";
        String colour = firing ? "#b42318" : "#067647";
        String html = "<!doctype html><html><body style=\"margin:0;padding:24px;background:#f6f7f9;"
                + "font-family:Helvetica,Arial,sans-serif;color:#1d2433\">"
                + "<div style=\"max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #e3e6eb;"
                + "border-radius:6px;padding:24px\">"
                + "<p style=\"margin:0 0 8px;font-size:13px;font-weight:bold;color:" + colour + "\">"
                + (test ? "TEST" : reminder ? "STILL FIRING" : firing ? "FIRING" : "RESOLVED") + "</p>"
                + "<h1 style=\"margin:0 0 12px;font-size:20px\"><a href=\"" + escape(statUrl)
                + "\" style=\"color:#1d2433;text-decoration:none\">" + escape(statName) + "</a></h1>"
                + "<p style=\"margin:0 0 12px;font-size:15px\">" + escape(message) + "</p>"
                + "<p style=\"margin:0 0 16px;font-size:13px;color:#5b6475\">Condition: "
                + escape(payload.path("condition").asText()) + "</p>"
                + (graph.isPresent() ? "<img src=\"cid:" + GRAPH_CID + "\" width=\"600\" height=\"200\" alt=\""
                + escape(statName) + ", last day\" style=\"display:block;max-width:100%;height:auto;border:0\">" : "")
                + "<p style=\"margin:16px 0 0\"><a href=\"" + escape(statUrl) + "\" style=\"display:inline-block;"
                + "background:#1f5fbf;color:#ffffff;padding:8px 14px;border-radius:4px;text-decoration:none;"
                + "font-size:14px\">Open the stat</a></p></div></body></html>";
        List<InlineImage> images = graph.map(png -> List.of(new InlineImage(GRAPH_CID, "image/png", png)))
                .orElse(List.of());
        return new Mail(to, subject, text, html, images, messageId, Map.of());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
