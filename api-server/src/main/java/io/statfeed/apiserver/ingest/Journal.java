package io.statfeed.apiserver.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api-server's write-ahead journal: groups of deltas appended and forced to disk before any
 * of their requests is answered. Segments are deleted once storage holds every group in them.
 *
 * <p>Record layout: payload length (int), then the payload — group sequence (long), entry count
 * (int), entries — then a CRC32C of the payload (int). A record cut short by a crash fails its
 * length or checksum and ends the replay of its segment; it was never acknowledged. The entry
 * count carries {@link #COMPACT} for entries in {@link Delta}'s compact format; records without
 * it, written before that format, hold wide entries and replay as they always did.
 */
final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final long SEGMENT_BYTES = 16L << 20;
    private static final int PREALLOCATE_CHUNK = 1 << 20;
    private static final int HEADER_BYTES = Integer.BYTES;
    private static final int PAYLOAD_PREFIX_BYTES = Long.BYTES + Integer.BYTES;
    private static final int TRAILER_BYTES = Integer.BYTES;
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".log";
    private static final String SPARE_PREFIX = "spare-";
    private static final String SPARE_SUFFIX = ".tmp";
    private static final long PREPARER_STOP_WAIT_SECONDS = 10;
    /** Set in a record's entry count when its entries are in the compact format. */
    static final int COMPACT = 1 << 30;

    /** A group read back from the journal. */
    record Group(long seq, Delta delta) {
    }

    /** What a replay found: the groups storage lacks, and the highest sequence the journal has used. */
    record Replay(List<Group> groups, long lastSeq) {
    }

    /** The journal's identity: storage keeps the node's checkpoint under it. */
    static final String NODE_ID_FILE = "node-id";

    private final Path dir;
    private final String nodeId;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> closedSegments = new ArrayList<>();
    private OpenSegment current;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final AtomicLong retainedBytes = new AtomicLong();
    /**
     * Zero-fills the next segment ahead of time, so a rotation on the writer thread is a rename,
     * not 16 MiB of writes while every waiting request waits too.
     */
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "statfeed-journal-preparer"));
    private Future<Path> spare;

    private record Segment(Path path, long firstSeq) {
    }

    private Journal(Path dir, String nodeId, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.nodeId = nodeId;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if need be) the journal folder, which one process at a time may own. */
    static Journal open(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("the ingest journal " + dir + " is in use by another api-server; "
                        + "give each api-server process its own STATFEED_DATA_DIR");
            }
            deleteStaleSpares(dir);
            return new Journal(dir, readOrCreateNodeId(dir), lockChannel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ingest journal at " + dir, e);
        }
    }

    /** A stable id of this journal: storage remembers per node how far the journal has been written. */
    String nodeId() {
        return nodeId;
    }

    /**
     * Reads every intact group with a sequence above {@code afterSeq}, then starts a new segment
     * for the groups to come. Returns the groups in order.
     */
    Replay replay(long afterSeq) {
        List<Group> groups = new ArrayList<>();
        long lastSeq = afterSeq;
        for (Segment segment : listSegments()) {
            long segmentLast = readSegment(segment, afterSeq, groups);
            if (segmentLast < 0) {
                // Not one intact record: nothing in it was ever acknowledged, and its name may be
                // the one the next segment needs.
                deleteEmpty(segment);
                continue;
            }
            closedSegments.add(segment);
            retainedBytes.addAndGet(sizeOf(segment));
            lastSeq = Math.max(lastSeq, segmentLast);
        }
        startSegment(lastSeq + 1);
        return new Replay(groups, lastSeq);
    }

    /** Bytes on disk that storage may still need: what a long storage outage makes grow. */
    long retainedBytes() {
        return retainedBytes.get();
    }

    /** Appends one group and forces it to disk. */
    void append(long seq, List<Delta> deltas) throws IOException {
        int entries = 0;
        int entryBytes = 0;
        for (Delta delta : deltas) {
            entries += delta.size();
            entryBytes += delta.serializedBytes();
        }
        int payloadBytes = PAYLOAD_PREFIX_BYTES + entryBytes;
        ensureCapacity(HEADER_BYTES + payloadBytes + TRAILER_BYTES);
        buffer.clear();
        buffer.putInt(payloadBytes).putLong(seq).putInt(entries | COMPACT);
        for (Delta delta : deltas) {
            delta.writeTo(buffer);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().flip().position(HEADER_BYTES));
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        if (current.position + buffer.remaining() > SEGMENT_BYTES && current.position > 0) {
            rotate(seq);
        }
        while (buffer.hasRemaining()) {
            current.position += current.channel.write(buffer, current.position);
        }
        current.channel.force(false);
    }

    /**
     * Starts a new segment after a failed append, so that whatever part of the failed record
     * reached the disk is the end of its segment and cannot hide the records after it.
     */
    void isolateFailedAppend(long nextSeq) {
        try {
            rotate(nextSeq);
        } catch (IOException | UncheckedIOException e) {
            log.error("cannot start a new journal segment after a failed write: {}", e.toString());
        }
    }

    /** Deletes the closed segments whose every group storage holds (up to {@code checkpoint}). */
    synchronized void discardUpTo(long checkpoint) {
        while (!closedSegments.isEmpty()) {
            Segment oldest = closedSegments.get(0);
            long nextFirst = closedSegments.size() > 1 ? closedSegments.get(1).firstSeq() : current.segment.firstSeq();
            if (nextFirst - 1 > checkpoint) {
                return;
            }
            try {
                long bytes = Files.size(oldest.path());
                Files.deleteIfExists(oldest.path());
                retainedBytes.addAndGet(-bytes);
            } catch (IOException e) {
                log.warn("cannot delete journal segment {}: {}", oldest.path(), e.toString());
                return;
            }
            closedSegments.remove(0);
        }
    }

    @Override
    public void close() {
        stopPreparer();
        try {
            if (current != null) {
                current.channel.close();
            }
            deleteStaleSpares(dir);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("closing the ingest journal: {}", e.toString());
        }
    }

    /** Stops zero-filling and waits, so that no spare appears after close deletes them. */
    private void stopPreparer() {
        preparer.shutdownNow();
        try {
            if (!preparer.awaitTermination(PREPARER_STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("the journal segment preparer did not stop; a spare may be left for the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void rotate(long nextSeq) throws IOException {
        current.channel.close();
        closedSegments.add(current.segment);
        startSegment(nextSeq);
    }

    private void startSegment(long firstSeq) {
        Path path = dir.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, firstSeq, SEGMENT_SUFFIX));
        try {
            Files.move(takeSpare(), path, StandardCopyOption.ATOMIC_MOVE);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
            current = new OpenSegment(new Segment(path, firstSeq), channel);
            retainedBytes.addAndGet(SEGMENT_BYTES);
            forceDirectory();
            spare = preparer.submit(this::prepareSpare);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal segment " + path, e);
        }
    }

    /** The prepared spare, waiting for it if it is not ready yet (or making one now, the first time). */
    private Path takeSpare() throws IOException {
        if (spare == null) {
            return prepareSpare();
        }
        try {
            return spare.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a journal segment", e);
        } catch (ExecutionException e) {
            throw new IOException("preparing a journal segment failed", e.getCause());
        }
    }

    private Path prepareSpare() throws IOException {
        Path path = dir.resolve(SPARE_PREFIX + UUID.randomUUID() + SPARE_SUFFIX);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            preallocate(channel);
        }
        return path;
    }

    private static void deleteStaleSpares(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith(SPARE_PREFIX)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The segment being written; {@code position} is where the next record goes. */
    private static final class OpenSegment {
        final Segment segment;
        final FileChannel channel;
        long position;

        OpenSegment(Segment segment, FileChannel channel) {
            this.segment = segment;
            this.channel = channel;
        }
    }

    /**
     * Writes the whole segment with zeros up front: an fdatasync of an append that grows a file
     * must also commit the new size, which doubled its cost here; overwriting does not. Replay
     * stops at the zeros, which read as a record of length 0.
     */
    private static void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(PREALLOCATE_CHUNK);
        for (long at = 0; at < SEGMENT_BYTES; at += PREALLOCATE_CHUNK) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, at + zeros.position());
            }
        }
        channel.force(true);
    }

    private long readSegment(Segment segment, long afterSeq, List<Group> into) {
        long lastSeq = -1;
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer all = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            long goodEnd = 0;
            while (all.remaining() >= HEADER_BYTES) {
                int payloadBytes = all.getInt();
                if (payloadBytes < PAYLOAD_PREFIX_BYTES || payloadBytes > all.remaining() - TRAILER_BYTES) {
                    break;
                }
                ByteBuffer payload = all.slice(all.position(), payloadBytes);
                CRC32C crc = new CRC32C();
                crc.update(payload.duplicate());
                all.position(all.position() + payloadBytes);
                if ((int) crc.getValue() != all.getInt()) {
                    break;
                }
                long seq = payload.getLong();
                int count = payload.getInt();
                boolean compact = (count & COMPACT) != 0;
                int entries = count & ~COMPACT;
                if (count < 0 || !compact
                        && (long) entries * Delta.WIDE_ENTRY_BYTES != payloadBytes - PAYLOAD_PREFIX_BYTES) {
                    break;
                }
                if (seq < segment.firstSeq() || seq <= lastSeq) {
                    break; // sequences only grow within a segment; anything else is not ours to replay
                }
                Delta delta = compact ? Delta.readFrom(payload, entries) : Delta.readWideFrom(payload, entries);
                if (delta == null) {
                    break; // a checksum that matched entries that do not fit: not ours to replay
                }
                lastSeq = seq;
                if (seq > afterSeq) {
                    into.add(new Group(seq, delta));
                }
                goodEnd = all.position();
            }
            if (goodEnd < size && all.get((int) goodEnd) != 0) {
                // Old segments are never written again, so a torn record only needs reporting.
                log.warn("journal segment {} ends in an unfinished write at byte {}; it was never acknowledged",
                        segment.path(), goodEnd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + segment.path(), e);
        }
        return lastSeq;
    }

    private List<Segment> listSegments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(p -> p.getFileName().toString().startsWith(SEGMENT_PREFIX))
                    .filter(p -> p.getFileName().toString().endsWith(SEGMENT_SUFFIX))
                    .map(p -> {
                        String name = p.getFileName().toString();
                        long first = Long.parseLong(name.substring(SEGMENT_PREFIX.length(),
                                name.length() - SEGMENT_SUFFIX.length()));
                        return new Segment(p, first);
                    })
                    .sorted((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the ingest journal at " + dir, e);
        }
    }

    private static void deleteEmpty(Segment segment) {
        try {
            Files.delete(segment.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the empty journal segment " + segment.path(), e);
        }
    }

    private static long sizeOf(Segment segment) {
        try {
            return Files.size(segment.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of journal segment " + segment.path(), e);
        }
    }

    private void ensureCapacity(int bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes) << 1);
        }
    }

    private void forceDirectory() {
        // A new file's directory entry must be durable too, or a crash could lose the whole segment.
        try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
            dirChannel.force(true);
        } catch (IOException e) {
            log.debug("this file system cannot force a directory: {}", e.toString());
        }
    }

    private static String readOrCreateNodeId(Path dir) throws IOException {
        Path file = dir.resolve(NODE_ID_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = "api-" + UUID.randomUUID();
        Path temp = dir.resolve("node-id.tmp");
        Files.writeString(temp, id, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }
}
