package io.statfeed.interactor;

/**
 * What the caller asked for does not exist, or is not theirs to see: the two are
 * deliberately indistinguishable, so that ids of other accounts cannot be probed.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
