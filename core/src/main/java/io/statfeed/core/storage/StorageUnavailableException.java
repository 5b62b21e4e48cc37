package io.statfeed.core.storage;

/** Storage could not be reached or did not answer; the caller may buffer and retry. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
