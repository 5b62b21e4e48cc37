package io.statfeed.presenters.stats;

/**
 * The size of the server-drawn graph on the stat and compare pages: the full width of the page's
 * content column ({@code main} in statfeed.css), so that the image and the interactive graph that
 * replaces it take the same room. {@code stat.html} and {@code compare.html} give the same size.
 */
final class PageGraph {
    static final int WIDTH = 1072;
    static final int HEIGHT = 280;

    private PageGraph() {
    }

    /** The query parameters that ask for this size. */
    static String size() {
        return "&w=" + WIDTH + "&h=" + HEIGHT;
    }
}
