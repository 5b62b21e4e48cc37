package io.statfeed.apiserver.ingest;

import java.util.Arrays;

/**
 * Buckets keyed by (stat, start), each summed in place: count, total, min, max and sum of squares
 * in parallel primitive arrays, found through an open-addressing index. Every data point passes
 * through two of these (its request's delta and the writer's aggregate), so there is no boxing,
 * no entry object and no hashing of a record per point; ids and bucket starts are mixed before
 * indexing, because time-ordered ids and minute starts collide badly in a plain hash.
 * Entries keep their insertion order. Not thread-safe.
 */
final class BucketTable {
    private static final int MIN_CAPACITY = 4;
    /** The index stays at most half full, so probes stay short. */
    private static final int INDEX_LOAD = 2;

    private long[] statIds;
    private long[] starts;
    private long[] counts;
    private double[] totals;
    private double[] mins;
    private double[] maxes;
    private double[] squares;
    /** Per index position, the entry's slot + 1; 0 is empty. */
    private int[] index;
    private int size;

    BucketTable() {
        this(MIN_CAPACITY);
    }

    BucketTable(int expectedEntries) {
        int capacity = Math.max(MIN_CAPACITY, expectedEntries);
        statIds = new long[capacity];
        starts = new long[capacity];
        counts = new long[capacity];
        totals = new double[capacity];
        mins = new double[capacity];
        maxes = new double[capacity];
        squares = new double[capacity];
        index = new int[indexLength(capacity)];
    }

    /** Sums a measurement into the bucket (stat, start), making the bucket if it is new. */
    void add(long statId, long start, long n, double total, double min, double max, double sumSquares) {
        if (size == statIds.length) {
            grow(); // before probing: a new entry's position is one of the grown index
        }
        int mask = index.length - 1;
        int position = mix(statId, start) & mask;
        while (true) {
            int slot = index[position] - 1;
            if (slot < 0) {
                index[position] = append(statId, start, n, total, min, max, sumSquares) + 1;
                return;
            }
            if (statIds[slot] == statId && starts[slot] == start) {
                counts[slot] += n;
                totals[slot] += total;
                mins[slot] = Math.min(mins[slot], min);
                maxes[slot] = Math.max(maxes[slot], max);
                squares[slot] += sumSquares;
                return;
            }
            position = (position + 1) & mask;
        }
    }

    /** Sums every bucket of {@code other} into this one. */
    void addAll(BucketTable other) {
        for (int i = 0; i < other.size; i++) {
            add(other.statIds[i], other.starts[i], other.counts[i], other.totals[i], other.mins[i], other.maxes[i],
                    other.squares[i]);
        }
    }

    int size() {
        return size;
    }

    long statId(int slot) {
        return statIds[slot];
    }

    long start(int slot) {
        return starts[slot];
    }

    long count(int slot) {
        return counts[slot];
    }

    double total(int slot) {
        return totals[slot];
    }

    double min(int slot) {
        return mins[slot];
    }

    double max(int slot) {
        return maxes[slot];
    }

    double sumSquares(int slot) {
        return squares[slot];
    }

    private int append(long statId, long start, long n, double total, double min, double max, double sumSquares) {
        int slot = size++;
        statIds[slot] = statId;
        starts[slot] = start;
        counts[slot] = n;
        totals[slot] = total;
        mins[slot] = min;
        maxes[slot] = max;
        squares[slot] = sumSquares;
        return slot;
    }

    private void grow() {
        int capacity = statIds.length * 2;
        statIds = Arrays.copyOf(statIds, capacity);
        starts = Arrays.copyOf(starts, capacity);
        counts = Arrays.copyOf(counts, capacity);
        totals = Arrays.copyOf(totals, capacity);
        mins = Arrays.copyOf(mins, capacity);
        maxes = Arrays.copyOf(maxes, capacity);
        squares = Arrays.copyOf(squares, capacity);
        index = new int[indexLength(capacity)];
        int mask = index.length - 1;
        for (int slot = 0; slot < size; slot++) {
            int position = mix(statIds[slot], starts[slot]) & mask;
            while (index[position] != 0) {
                position = (position + 1) & mask;
            }
            index[position] = slot + 1;
        }
    }

    private static int indexLength(int capacity) {
        return Integer.highestOneBit(capacity * INDEX_LOAD - 1) << 1;
    }

    /** A 64-bit finaliser (from MurmurHash3) over both halves of the key. */
    private static int mix(long statId, long start) {
        long h = statId * 0x9E3779B97F4A7C15L + start;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
