package io.statfeed.presenters.mail;

import io.statfeed.interactor.reports.UnsubscribeFromReports;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.presenters.html.Templates;
import java.util.Map;

/** The page a report's unsubscribe link opens ({@code unsubscribe.html}): a confirmation, then "stopped". */
public final class UnsubscribePresenter {
    private final Templates templates;

    public UnsubscribePresenter(Templates templates) {
        this.templates = templates;
    }

    public record PageView(String email, boolean subscribed, boolean done, String token) {
    }

    /** @param done whether this request stopped the reports (else it asks to confirm) */
    public String html(UnsubscribeFromReports.Subscriber subscriber, boolean done, String token, Chrome chrome) {
        return templates.render("unsubscribe", Map.of("chrome", chrome,
                "page", new PageView(subscriber.email(), subscriber.subscribed(), done, token)));
    }
}
