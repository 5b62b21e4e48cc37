package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Resolution;
import java.nio.ByteBuffer;

/**
 * The points of one request, already summed per (stat, minute): what is journaled and then
 * merged into the in-memory aggregate. Built on the request thread, so the single writer thread
 * only copies bytes and merges a handful of entries per request.
 */
public final class Delta {
    /** statId, minute, n, total, min, max, sumSquares. */
    static final int ENTRY_BYTES = 7 * Long.BYTES;

    private final BucketTable minutes;

    public Delta() {
        this.minutes = new BucketTable();
    }

    /** Room for about this many (stat, minute) entries before growing: a batch's point count. */
    public Delta(int expectedEntries) {
        this.minutes = new BucketTable(expectedEntries);
    }

    /** Adds one data point at unix second {@code time}. */
    public void add(long statId, long time, double value) {
        addMeasured(statId, time, 1, value, value, value, value * value);
    }

    /** Adds a series of measurements already summed elsewhere, at unix second {@code time}. */
    public void addMeasured(long statId, long time, long n, double total, double min, double max, double squares) {
        minutes.add(statId, Resolution.MINUTE.bucketStart(time), n, total, min, max, squares);
    }

    public int size() {
        return minutes.size();
    }

    public boolean isEmpty() {
        return minutes.size() == 0;
    }

    int serializedBytes() {
        return minutes.size() * ENTRY_BYTES;
    }

    void writeTo(ByteBuffer buffer) {
        for (int i = 0; i < minutes.size(); i++) {
            buffer.putLong(minutes.statId(i)).putLong(minutes.start(i)).putLong(minutes.count(i))
                    .putDouble(minutes.total(i)).putDouble(minutes.min(i)).putDouble(minutes.max(i))
                    .putDouble(minutes.sumSquares(i));
        }
    }

    /** Reads {@code entries} entries written by {@link #writeTo}. */
    static Delta readFrom(ByteBuffer buffer, int entries) {
        Delta delta = new Delta(entries);
        for (int i = 0; i < entries; i++) {
            delta.minutes.add(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getDouble(),
                    buffer.getDouble(), buffer.getDouble(), buffer.getDouble());
        }
        return delta;
    }

    /** The (stat, minute) buckets of this request, in the order they were first posted. */
    BucketTable minutes() {
        return minutes;
    }
}
