package io.statfeed.presenters.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statfeed.channels.mail.Mail;
import io.statfeed.core.model.teams.Role;
import io.statfeed.interactor.teams.InviteLetter;
import io.statfeed.presenters.html.Templates;
import org.junit.jupiter.api.Test;

class InviteMailPresenterTest {
    /** 2023-11-21T22:13:20Z. */
    private static final long EXPIRES = 1_700_604_800_000L;

    @Test
    void an_invite_mail_says_who_invites_whom_where_and_holds_the_accept_link() {
        InviteLetter letter = new InviteLetter("bob@example.com", "ada@example.com", "ada@example.com's account",
                Role.OWNER, "https://stats.example.com", "TOKEN_abc-123", EXPIRES, "invite.42");

        Mail mail = new InviteMailPresenter(new Templates()).render(letter);

        assertEquals("bob@example.com", mail.to());
        assertEquals("ada@example.com invited you to ada@example.com's account on Statfeed", mail.subject());
        assertEquals("invite.42", mail.messageId());
        assertEquals("""
                ada@example.com invited you to join ada@example.com's account on Statfeed as an owner: you will see \
                its stats, dashboards and alerts.

                Accept the invite (log in or sign up with this address first):
                https://stats.example.com/invites/TOKEN_abc-123

                The link works until Tue 21 Nov 2023 (UTC). If you did not expect this mail, ignore it.
                """, mail.plainText());
        assertTrue(mail.html().contains("href=\"https://stats.example.com/invites/TOKEN_abc-123\""), mail.html());
        assertTrue(mail.html().contains("ada@example.com&#39;s account") || mail.html().contains("ada@example.com's account"),
                mail.html());
    }
}
