package io.statfeed.apiserver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32C;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void a_reopened_journal_replays_the_groups_after_the_checkpoint_in_order() throws IOException {
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1);
            for (long seq = 1; seq <= 5; seq++) {
                journal.append(seq, List.of(delta(seq, seq * 10.0)));
            }
        }
        try (Journal journal = Journal.open(dir)) {
            Journal.Replay replay = journal.replay(2);
            assertEquals(List.of(3L, 4L, 5L), replay.groups().stream().map(Journal.Group::seq).toList());
            assertEquals(5, replay.lastSeq());
            assertEquals(40.0, total(replay.groups().get(1).delta()));
        }
    }

    @Test
    void the_node_id_stays_the_same_across_restarts_and_a_second_process_is_locked_out() {
        String first;
        try (Journal journal = Journal.open(dir)) {
            first = journal.nodeId();
            assertThrows(IllegalStateException.class, () -> Journal.open(dir));
        }
        try (Journal journal = Journal.open(dir)) {
            assertEquals(first, journal.nodeId());
        }
    }

    @Test
    void a_record_torn_by_a_crash_ends_the_replay_of_its_segment_without_losing_earlier_ones() throws IOException {
        Path segment;
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1);
            journal.append(1, List.of(delta(1, 1)));
            journal.append(2, List.of(delta(2, 2)));
            segment = segments().get(0);
        }
        // Corrupt the last byte of the second record's checksum, as a write cut short would.
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int recordBytes = 4 + 12 + Delta.ONE_POINT_BYTES + 4;
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), 2L * recordBytes - 1);
        }
        try (Journal journal = Journal.open(dir)) {
            Journal.Replay replay = journal.replay(-1);
            assertEquals(List.of(1L), replay.groups().stream().map(Journal.Group::seq).toList());
            journal.append(replay.lastSeq() + 1, List.of(delta(3, 3)));
        }
        try (Journal journal = Journal.open(dir)) {
            assertEquals(List.of(1L, 2L), journal.replay(-1).groups().stream().map(Journal.Group::seq).toList(),
                    "the group written after the restart lives in a new segment and is found");
        }
    }

    @Test
    void restarts_without_data_in_between_reuse_nothing_and_lose_nothing() throws IOException {
        for (int restart = 0; restart < 3; restart++) {
            try (Journal journal = Journal.open(dir)) {
                assertEquals(0, journal.replay(-1).groups().size());
            }
        }
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1);
            journal.append(1, List.of(delta(1, 1)));
        }
        try (Journal journal = Journal.open(dir)) {
            assertEquals(1, journal.replay(-1).groups().size());
        }
        try (Journal journal = Journal.open(dir)) {
            assertEquals(List.of(1L), journal.replay(-1).groups().stream().map(Journal.Group::seq).toList());
        }
    }

    @Test
    void segments_wholly_in_storage_are_deleted_and_the_others_kept() throws IOException {
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1);
            journal.append(1, List.of(delta(1, 1)));
        }
        try (Journal journal = Journal.open(dir)) {
            journal.replay(0); // a second segment now starts at group 2
            journal.append(2, List.of(delta(2, 2)));
            assertEquals(2, segments().size());
            journal.discardUpTo(0);
            assertEquals(2, segments().size(), "group 1 is not in storage yet");
            journal.discardUpTo(1);
            assertEquals(1, segments().size());
            journal.discardUpTo(2);
            assertEquals(1, segments().size(), "the segment being written is never deleted");
        }
        assertTrue(Files.exists(dir.resolve("node-id")));
    }

    @Test
    void a_journal_of_the_first_wide_format_still_replays_after_an_upgrade() throws IOException {
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1); // makes the first segment, which the old server's records fill here
        }
        Path segment = segments().get(0);
        // One record as the first format wrote it: seq 7, one entry of seven 8-byte fields, no COMPACT flag.
        ByteBuffer payload = ByteBuffer.allocate(12 + Delta.WIDE_ENTRY_BYTES);
        payload.putLong(7).putInt(1)
                .putLong(42).putLong(1_700_000_000L / 60 * 60).putLong(3).putDouble(6).putDouble(1).putDouble(3)
                .putDouble(14).flip();
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        ByteBuffer record = ByteBuffer.allocate(4 + payload.remaining() + 4);
        record.putInt(payload.remaining()).put(payload).putInt((int) crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(record, 0);
        }
        try (Journal journal = Journal.open(dir)) {
            Journal.Replay replay = journal.replay(-1);
            assertEquals(List.of(7L), replay.groups().stream().map(Journal.Group::seq).toList());
            BucketTable minutes = replay.groups().get(0).delta().minutes();
            assertEquals(List.of(42L, 3L, 6.0, 1.0, 3.0, 14.0), List.of(minutes.statId(0), minutes.count(0),
                    minutes.total(0), minutes.min(0), minutes.max(0), minutes.sumSquares(0)));
        }
    }

    @Test
    void single_points_and_summaries_come_back_exactly_from_the_compact_format() throws IOException {
        Delta written = new Delta();
        written.add(1, 1_700_000_000L, 0.1);               // one point: value only on disk
        written.addMeasured(2, 1_700_000_000L, 3, 6, 1, 3, 14); // a summary: every field
        written.add(3, 1_700_000_000L, -2.5);
        written.add(3, 1_700_000_010L, 4);                  // same minute: becomes a summary
        try (Journal journal = Journal.open(dir)) {
            journal.replay(-1);
            journal.append(1, List.of(written));
        }
        try (Journal journal = Journal.open(dir)) {
            BucketTable read = journal.replay(-1).groups().get(0).delta().minutes();
            BucketTable expected = written.minutes();
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(List.of(expected.statId(i), expected.start(i), expected.count(i), expected.total(i),
                        expected.min(i), expected.max(i), expected.sumSquares(i)), List.of(read.statId(i),
                        read.start(i), read.count(i), read.total(i), read.min(i), read.max(i), read.sumSquares(i)));
            }
        }
        assertEquals(Delta.ONE_POINT_BYTES + 2 * Delta.SUMMARY_BYTES, written.serializedBytes());
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private static Delta delta(long statId, double count) {
        Delta delta = new Delta();
        delta.add(statId, 1_700_000_000L, count);
        return delta;
    }

    private static double total(Delta delta) {
        double sum = 0;
        for (int i = 0; i < delta.minutes().size(); i++) {
            sum += delta.minutes().total(i);
        }
        return sum;
    }
}
