package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.InvalidInputException;

/** A request carries more than one request may: 413, not 400. */
public final class PayloadTooLargeException extends InvalidInputException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
