package io.statfeed.interactor.reports;

import io.statfeed.core.model.Account;
import io.statfeed.core.storage.AccountStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's "send reports now": a report to every member of the account (each with their own
 * stars, frequency and time zone), as {@link SendReportNow} sends one person's. A script holds an
 * account's token, not a person's, so the account's people are whom it can mean.
 */
public final class SendReportsToMembers {
    private final AccountStore accounts;
    private final SendReportNow sendNow;

    public SendReportsToMembers(AccountStore accounts, SendReportNow sendNow) {
        this.accounts = accounts;
        this.sendNow = sendNow;
    }

    public List<ReportDelivery.Sent> send(Account account) {
        List<ReportDelivery.Sent> sent = new ArrayList<>();
        for (long userId : accounts.memberIds(account.id())) {
            sent.add(sendNow.sendTo(userId));
        }
        return sent;
    }
}
