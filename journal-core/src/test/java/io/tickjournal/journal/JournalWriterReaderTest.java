package io.tickjournal.journal;

import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalWriterReaderTest {
    @TempDir
    Path dir;

    /** What a reader saw, one record per journal record. */
    record Seen(String kind, long sequence, long receiveTimeNs, String payload) {
    }

    static final class Recorder implements JournalRecordHandler {
        final List<Seen> seen = new ArrayList<>();

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs, long sequence) {
            byte[] b = new byte[length];
            buffer.read(offset, b, 0, length);
            seen.add(new Seen("M", sequence, receiveTimeNs, Arrays.toString(b)));
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            seen.add(new Seen("G", firstMissing, 0, Long.toString(count)));
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            seen.add(new Seen("S", firstSequence, 0, description));
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            seen.add(new Seen("E", lastSequence, 0, ""));
        }
    }

    @Test
    void recordsComeBackExactlyAsWritten() {
        byte[] m1 = {'S', 0, 0, 0, 1, 0, 0, 0, 0, 0, 42, 'O'};
        byte[] m2 = {'B', 0, 7, 0, 2, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 9};
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 5)) {
            w.appendSessionStart("file:test.itch", 100, 1);
            w.appendMessage(m1, 0, m1.length, 111, 1);
            w.appendGap(2, 3, 112);
            w.appendMessage(m2, 0, m2.length, 113, 5);
            w.appendSessionEnd(114, 5);
        }
        Recorder r = new Recorder();
        try (SingleChronicleQueue q = Journal.openForRead(dir); JournalReader reader = new JournalReader(q, true)) {
            while (reader.poll(r) > 0) {
                // drain
            }
            assertEquals(0, reader.checksumFailures());
            assertEquals(0, reader.malformedRecords());
            assertEquals(5, reader.records());
        }
        assertEquals(List.of(
                new Seen("S", 1, 0, "file:test.itch"),
                new Seen("M", 1, 111, Arrays.toString(m1)),
                new Seen("G", 2, 0, "3"),
                new Seen("M", 5, 113, Arrays.toString(m2)),
                new Seen("E", 5, 0, "")), r.seen);
    }

    @Test
    void aByteFlippedAtRestFailsItsChecksumAndIsSkipped() throws IOException {
        byte[] good = {'S', 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 'O'};
        byte[] victim = {'S', 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 'Q', 0x5A, 0x5B, 0x5C, 0x5D};
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            w.appendMessage(good, 0, good.length, 1, 1);
            w.appendMessage(victim, 0, victim.length, 2, 2);
            w.appendMessage(good, 0, good.length, 3, 3);
        }
        flipFirst(new byte[]{0x5A, 0x5B, 0x5C, 0x5D});
        Recorder r = new Recorder();
        try (SingleChronicleQueue q = Journal.openForRead(dir); JournalReader reader = new JournalReader(q, true)) {
            while (reader.poll(r) > 0) {
                // drain
            }
            assertEquals(1, reader.checksumFailures());
            assertTrue(reader.firstChecksumFailureIndex() >= 0);
        }
        assertEquals(List.of(1L, 3L), r.seen.stream().map(Seen::sequence).toList());
    }

    @Test
    @Timeout(30)
    void aReaderSeesWhatIsAppendedWhileItReads() {
        byte[] m = {'S', 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 'O'};
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0);
             JournalReader reader = new JournalReader(q, true)) {
            Recorder r = new Recorder();
            w.appendMessage(m, 0, m.length, 1, 1);
            assertEquals(1, reader.poll(r));
            assertEquals(0, reader.poll(r));
            w.appendMessage(m, 0, m.length, 2, 2);
            w.appendMessage(m, 0, m.length, 3, 3);
            while (reader.poll(r) > 0) {
                // drain
            }
            assertEquals(List.of(1L, 2L, 3L), r.seen.stream().map(Seen::sequence).toList());
        }
    }

    /** Flips one bit of the first occurrence of {@code pattern} in the journal's cycle file. */
    private void flipFirst(byte[] pattern) throws IOException {
        Path cycle;
        try (Stream<Path> s = Files.list(dir)) {
            cycle = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(cycle);
        int at = indexOf(content, pattern);
        assertTrue(at > 0, "pattern not found in " + cycle);
        try (RandomAccessFile raf = new RandomAccessFile(cycle.toFile(), "rw")) {
            raf.seek(at);
            raf.write(pattern[0] ^ 0x01);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
