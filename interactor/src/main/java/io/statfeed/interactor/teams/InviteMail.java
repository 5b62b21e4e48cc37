package io.statfeed.interactor.teams;

import io.statfeed.channels.mail.Mail;

/** Renders an invite as a mail (a presenter's job: see {@code presenters.mail.InviteMailPresenter}). */
public interface InviteMail {
    Mail render(InviteLetter letter);
}
