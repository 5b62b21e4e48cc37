package io.statfeed.apiserver.ingest;

/**
 * What the pipeline reports about itself. Methods default to doing nothing, so a watcher
 * implements only what it wants to know.
 */
public interface IngestMetrics {
    /** One group of requests was written and forced to the journal in {@code nanos}. */
    default void groupJournaled(int requests, long nanos) {
    }

    /** A request's points became durable {@code nanos} after it was submitted. */
    default void committed(long nanos) {
    }

    /** Buckets were written to storage. */
    default void flushed(int rows, long nanos) {
    }

    /** A flush failed and will be retried. */
    default void flushFailed() {
    }
}
