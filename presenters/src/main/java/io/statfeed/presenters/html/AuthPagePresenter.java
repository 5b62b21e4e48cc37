package io.statfeed.presenters.html;

import java.util.Map;

/** The landing, sign-up and log-in pages. */
public final class AuthPagePresenter {
    private final Templates templates;

    public AuthPagePresenter(Templates templates) {
        this.templates = templates;
    }

    /**
     * A form as it is shown again after a mistake: what was typed (never the password), what was
     * wrong, and where to go after logging in.
     */
    public record Form(String email, String error, String next) {
        public static Form blank(String next) {
            return new Form("", null, next);
        }
    }

    public String landing(Chrome chrome) {
        return templates.render("index", Map.of("chrome", chrome));
    }

    public String login(Form form, Chrome chrome) {
        return templates.render("login", Map.of("chrome", chrome, "form", form));
    }

    public String signup(Form form, Chrome chrome) {
        return templates.render("signup", Map.of("chrome", chrome, "form", form));
    }
}
