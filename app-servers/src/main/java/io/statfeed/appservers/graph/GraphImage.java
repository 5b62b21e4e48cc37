package io.statfeed.appservers.graph;

/** A rendered graph: its bytes and their format. */
public record GraphImage(ImageFormat format, byte[] bytes) {
}
