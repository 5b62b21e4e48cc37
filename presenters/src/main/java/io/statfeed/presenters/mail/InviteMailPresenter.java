package io.statfeed.presenters.mail;

import io.statfeed.channels.mail.Mail;
import io.statfeed.interactor.teams.InviteLetter;
import io.statfeed.interactor.teams.InviteMail;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Templates;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * An invite as a mail ({@code templates/invite-mail.html} and its plain-text twin): who invites
 * whom into which account, and the link that accepts. Styles are inline: mail clients drop style sheets.
 */
public final class InviteMailPresenter implements InviteMail {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Templates templates;

    public InviteMailPresenter(Templates templates) {
        this.templates = templates;
    }

    public record InviteView(String inviter, String accountName, String role, String acceptUrl, String expires) {
    }

    @Override
    public Mail render(InviteLetter letter) {
        InviteView view = view(letter);
        String html = templates.render("invite-mail", Map.of("invite", view));
        return new Mail(letter.to(), subject(view), text(view), html, letter.messageId());
    }

    static InviteView view(InviteLetter letter) {
        return new InviteView(letter.inviterEmail(), letter.accountName(), letter.role().storedName(),
                acceptUrl(letter.webBase(), letter.token()), DAY.format(Instant.ofEpochMilli(letter.expiresAtMillis())));
    }

    /** Where the mail's link goes: the invite page, which asks to log in or sign up, then to accept. */
    public static String acceptUrl(String webBase, String token) {
        return webBase + "/invites/" + Links.encode(token);
    }

    static String subject(InviteView view) {
        return view.inviter() + " invited you to " + view.accountName() + " on Statfeed";
    }

    static String text(InviteView view) {
        return view.inviter() + " invited you to join " + view.accountName() + " on Statfeed as " + article(view.role())
                + " " + view.role() + ": you will see its stats, dashboards and alerts.\n\n"
                + "Accept the invite (log in or sign up with this address first):\n" + view.acceptUrl() + "\n\n"
                + "The link works until " + view.expires() + " (UTC). If you did not expect this mail, ignore it.\n";
    }

    private static String article(String role) {
        return role.startsWith("o") ? "an" : "a";
    }
}
