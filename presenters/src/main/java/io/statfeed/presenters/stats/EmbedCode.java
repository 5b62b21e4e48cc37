package io.statfeed.presenters.stats;

import io.statfeed.presenters.Links;

/** The copy-paste snippet that embeds a graph, in StatHat's form so old embeds keep their shape. */
public final class EmbedCode {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 235;

    private EmbedCode() {
    }

    public static String html(Links links, String embedKey, String frame) {
        return "<script src=\"" + links.embedScript() + "\"></script>\n"
                + "<script>StatHatEmbed.render({s1:'" + jsString(embedKey) + "',w:" + WIDTH + ",h:" + HEIGHT
                + ",tf:'" + jsString(frame) + "'});</script>";
    }

    /** Keys and frames are plain ASCII already; escaping keeps a surprise from ever becoming markup. */
    private static String jsString(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
