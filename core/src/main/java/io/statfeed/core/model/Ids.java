package io.statfeed.core.model;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 63-bit ids made by the application (snowflake layout: milliseconds since 2024,
 * a random node number per process, a sequence within the millisecond). Ordered ids let lists
 * page by id, and several processes can make them without asking the database.
 */
public final class Ids {
    private static final long EPOCH_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long NODE = new SecureRandom().nextInt(1 << NODE_BITS);
    /** Packed (millis << SEQUENCE_BITS | sequence) of the last id handed out. */
    private static final AtomicLong last = new AtomicLong();

    private Ids() {
    }

    /** The lowest id made at or after that moment: ids compare with times through it. */
    public static long lowestAt(long epochMillis) {
        return Math.max(0L, epochMillis - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS);
    }

    /** How far apart in id the same moment of two ids this many milliseconds apart is. */
    public static long spanOf(long millis) {
        return millis << (NODE_BITS + SEQUENCE_BITS);
    }

    /** The moment an id was made. */
    public static long millisOf(long id) {
        return (id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS;
    }

    public static long next() {
        while (true) {
            long previous = last.get();
            long now = System.currentTimeMillis() - EPOCH_MILLIS;
            long previousMillis = previous >>> SEQUENCE_BITS;
            long candidate = now > previousMillis
                    ? now << SEQUENCE_BITS
                    : previous + 1; // same (or an earlier, clock stepped back) millisecond: next sequence
            if (last.compareAndSet(previous, candidate)) {
                long millis = candidate >>> SEQUENCE_BITS;
                return (millis << (NODE_BITS + SEQUENCE_BITS)) | (NODE << SEQUENCE_BITS) | (candidate & SEQUENCE_MASK);
            }
        }
    }
}
