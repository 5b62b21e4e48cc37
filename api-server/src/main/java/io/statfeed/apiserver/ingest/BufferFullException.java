package io.statfeed.apiserver.ingest;

/**
 * The api-server holds as much unwritten data as it may; the client should retry later. Thrown
 * for every request while shedding load, so without a stack trace.
 */
public final class BufferFullException extends RuntimeException {
    public BufferFullException(String message) {
        super(message, null, false, false);
    }
}
