package io.statfeed.apiserver.ingest;

/** The api-server holds as much unwritten data as it may; the client should retry later. */
public final class BufferFullException extends RuntimeException {
    public BufferFullException(String message) {
        super(message);
    }
}
