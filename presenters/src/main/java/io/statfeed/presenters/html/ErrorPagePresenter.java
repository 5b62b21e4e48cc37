package io.statfeed.presenters.html;

import java.util.Map;

/** An error as a page for browsers: the status, what was wrong, and a way back. */
public final class ErrorPagePresenter {
    private final Templates templates;

    public ErrorPagePresenter(Templates templates) {
        this.templates = templates;
    }

    public record ErrorView(int status, String title, String message) {
    }

    public String html(int status, String message, Chrome chrome) {
        String title = switch (status) {
            case 401, 403 -> "Not allowed";
            case 404 -> "Not found";
            case 429 -> "Slow down";
            case 503 -> "Back in a moment";
            default -> status >= 500 ? "Something went wrong" : "That did not work";
        };
        return templates.render("error", Map.of("chrome", chrome, "error", new ErrorView(status, title, message)));
    }
}
