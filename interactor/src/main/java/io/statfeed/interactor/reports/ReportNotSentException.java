package io.statfeed.interactor.reports;

/** A report asked for now could not be handed to the mail server; the message says why. */
public final class ReportNotSentException extends RuntimeException {
    public ReportNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
