package io.statfeed.apiserver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            int recordBytes = 4 + 12 + Delta.ENTRY_BYTES + 4;
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
