package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Resolution;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The points of one request, already summed per (stat, minute): what is journaled and then
 * merged into the in-memory aggregate. Built on the request thread, so the single writer thread
 * only copies bytes and merges a handful of entries per request.
 */
public final class Delta {
    /** The first journal format: statId, minute start, n, total, min, max, sum of squares; 56 bytes an entry. */
    static final int WIDE_ENTRY_BYTES = 7 * Long.BYTES;
    /**
     * The journal format written now: a kind byte, the stat id, the minute (as minutes since the
     * epoch), then the value of a single point (nearly every entry: a request's points rarely
     * share a stat and minute), or n, total, min, max and sum of squares. Little-endian, the
     * machine's own order: swapping every long was a sixth of the journal writer's time.
     */
    static final ByteOrder ENTRY_ORDER = ByteOrder.LITTLE_ENDIAN;
    static final byte ONE_POINT = 1;
    static final byte SUMMARY = 2;
    private static final int ENTRY_HEAD_BYTES = 1 + Long.BYTES + Integer.BYTES;
    static final int ONE_POINT_BYTES = ENTRY_HEAD_BYTES + Double.BYTES;
    static final int SUMMARY_BYTES = ENTRY_HEAD_BYTES + Long.BYTES + 4 * Double.BYTES;
    private static final int SECONDS_PER_MINUTE = 60;

    private final BucketTable minutes;
    /** Journal bytes, counted once: the writer asks for each delta's size twice. */
    private int serializedBytes = -1;

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
        if (serializedBytes < 0) {
            int bytes = 0;
            for (int i = 0; i < minutes.size(); i++) {
                bytes += isOnePoint(i) ? ONE_POINT_BYTES : SUMMARY_BYTES;
            }
            serializedBytes = bytes;
        }
        return serializedBytes;
    }

    /** Writes the entries in {@link #ENTRY_ORDER}; the buffer's own order is left as it was. */
    void writeTo(ByteBuffer buffer) {
        ByteOrder order = buffer.order();
        buffer.order(ENTRY_ORDER);
        for (int i = 0; i < minutes.size(); i++) {
            int minute = (int) (minutes.start(i) / SECONDS_PER_MINUTE);
            if (isOnePoint(i)) {
                buffer.put(ONE_POINT).putLong(minutes.statId(i)).putInt(minute).putDouble(minutes.total(i));
            } else {
                buffer.put(SUMMARY).putLong(minutes.statId(i)).putInt(minute).putLong(minutes.count(i))
                        .putDouble(minutes.total(i)).putDouble(minutes.min(i)).putDouble(minutes.max(i))
                        .putDouble(minutes.sumSquares(i));
            }
        }
        buffer.order(order);
    }

    /**
     * Reads {@code entries} entries written by {@link #writeTo}, exactly filling {@code buffer};
     * null when the bytes are not such entries.
     */
    static Delta readFrom(ByteBuffer buffer, int entries) {
        buffer.order(ENTRY_ORDER);
        Delta delta = new Delta(entries);
        for (int i = 0; i < entries; i++) {
            if (buffer.remaining() < ONE_POINT_BYTES) {
                return null;
            }
            byte kind = buffer.get();
            long statId = buffer.getLong();
            long start = (long) buffer.getInt() * SECONDS_PER_MINUTE;
            if (kind == ONE_POINT) {
                double value = buffer.getDouble();
                delta.minutes.add(statId, start, 1, value, value, value, value * value);
            } else if (kind == SUMMARY && buffer.remaining() >= SUMMARY_BYTES - ENTRY_HEAD_BYTES) {
                delta.minutes.add(statId, start, buffer.getLong(), buffer.getDouble(), buffer.getDouble(),
                        buffer.getDouble(), buffer.getDouble());
            } else {
                return null;
            }
        }
        return buffer.hasRemaining() ? null : delta;
    }

    /** Reads {@code entries} entries of the first, wide journal format (journals written before the compact one). */
    static Delta readWideFrom(ByteBuffer buffer, int entries) {
        Delta delta = new Delta(entries);
        for (int i = 0; i < entries; i++) {
            delta.minutes.add(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getDouble(),
                    buffer.getDouble(), buffer.getDouble(), buffer.getDouble());
        }
        return delta;
    }

    /**
     * A bucket of one point: its total, min and max are the value, its sum of squares the value
     * squared, so the value alone brings it back exactly. (Amounts are finite: no NaN to compare.)
     */
    private boolean isOnePoint(int i) {
        double v = minutes.total(i);
        return minutes.count(i) == 1 && minutes.min(i) == v && minutes.max(i) == v && minutes.sumSquares(i) == v * v;
    }

    /** The (stat, minute) buckets of this request, in the order they were first posted. */
    BucketTable minutes() {
        return minutes;
    }
}
