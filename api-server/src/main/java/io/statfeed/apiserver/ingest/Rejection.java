package io.statfeed.apiserver.ingest;

/** A data point that was not stored, with the HTTP status it deserves on its own and why. */
public record Rejection(int index, int status, String msg) {
}
