package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.Resolution;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The points of one request, already summed per (stat, minute): what is journaled and then
 * merged into the in-memory aggregate. Built on the request thread, so the single writer thread
 * only copies bytes and merges a handful of entries per request.
 */
public final class Delta {
    /** statId, minute, n, total, min, max, sumSquares. */
    static final int ENTRY_BYTES = 7 * Long.BYTES;
    /** Below this many entries a linear scan over two long arrays beats hashing a boxed key. */
    private static final int LINEAR_SCAN_LIMIT = 32;

    private long[] statIds;
    private long[] minutes;
    private long[] counts;
    private double[] totals;
    private double[] mins;
    private double[] maxes;
    private double[] sumSquares;
    private int size;
    private Map<Key, Integer> index;

    private record Key(long statId, long minute) {
    }

    public Delta() {
        this(4);
    }

    Delta(int capacity) {
        statIds = new long[capacity];
        minutes = new long[capacity];
        counts = new long[capacity];
        totals = new double[capacity];
        mins = new double[capacity];
        maxes = new double[capacity];
        sumSquares = new double[capacity];
    }

    /** Adds one data point at unix second {@code time}. */
    public void add(long statId, long time, double value) {
        addMeasured(statId, time, 1, value, value, value, value * value);
    }

    /** Adds a series of measurements already summed elsewhere, at unix second {@code time}. */
    public void addMeasured(long statId, long time, long n, double total, double min, double max, double squares) {
        merge(statId, Resolution.MINUTE.bucketStart(time), n, total, min, max, squares);
    }

    void merge(long statId, long minute, long n, double total, double min, double max, double squares) {
        int slot = find(statId, minute);
        if (slot < 0) {
            append(statId, minute, n, total, min, max, squares);
            return;
        }
        counts[slot] += n;
        totals[slot] += total;
        mins[slot] = Math.min(mins[slot], min);
        maxes[slot] = Math.max(maxes[slot], max);
        sumSquares[slot] += squares;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    int serializedBytes() {
        return size * ENTRY_BYTES;
    }

    void writeTo(ByteBuffer buffer) {
        for (int i = 0; i < size; i++) {
            buffer.putLong(statIds[i]).putLong(minutes[i]).putLong(counts[i]).putDouble(totals[i])
                    .putDouble(mins[i]).putDouble(maxes[i]).putDouble(sumSquares[i]);
        }
    }

    /** Reads {@code entries} entries written by {@link #writeTo}. */
    static Delta readFrom(ByteBuffer buffer, int entries) {
        Delta delta = new Delta(Math.max(entries, 1));
        for (int i = 0; i < entries; i++) {
            delta.append(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getDouble(),
                    buffer.getDouble(), buffer.getDouble(), buffer.getDouble());
        }
        return delta;
    }

    /** Hands every entry to the consumer, in insertion order. */
    void forEach(EntryConsumer consumer) {
        for (int i = 0; i < size; i++) {
            consumer.accept(statIds[i], minutes[i], counts[i], totals[i], mins[i], maxes[i], sumSquares[i]);
        }
    }

    @FunctionalInterface
    interface EntryConsumer {
        void accept(long statId, long minute, long n, double total, double min, double max, double squares);
    }

    private int find(long statId, long minute) {
        if (index != null) {
            Integer slot = index.get(new Key(statId, minute));
            return slot == null ? -1 : slot;
        }
        for (int i = 0; i < size; i++) {
            if (statIds[i] == statId && minutes[i] == minute) {
                return i;
            }
        }
        return -1;
    }

    private void append(long statId, long minute, long n, double total, double min, double max, double squares) {
        if (size == statIds.length) {
            grow();
        }
        statIds[size] = statId;
        minutes[size] = minute;
        counts[size] = n;
        totals[size] = total;
        mins[size] = min;
        maxes[size] = max;
        sumSquares[size] = squares;
        if (index != null) {
            index.put(new Key(statId, minute), size);
        } else if (size + 1 > LINEAR_SCAN_LIMIT) {
            index = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                index.put(new Key(statIds[i], minutes[i]), i);
            }
        }
        size++;
    }

    private void grow() {
        int capacity = statIds.length * 2;
        statIds = Arrays.copyOf(statIds, capacity);
        minutes = Arrays.copyOf(minutes, capacity);
        counts = Arrays.copyOf(counts, capacity);
        totals = Arrays.copyOf(totals, capacity);
        mins = Arrays.copyOf(mins, capacity);
        maxes = Arrays.copyOf(maxes, capacity);
        sumSquares = Arrays.copyOf(sumSquares, capacity);
    }
}
