package io.tickjournal.journal;

import io.tickjournal.journal.JournalRecords.Doc;
import io.tickjournal.journal.JournalRecords.Rec;
import io.tickjournal.journal.JournalRecords.Recorder;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

import static io.tickjournal.journal.JournalRecords.*;
import static org.junit.jupiter.api.Assertions.*;

class CycleFileReaderTest {
    private static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    @DisplayName("reads exactly what Chronicle's tailer reads")
    void readsWhatChronicleReads() {
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 7)) {
            append(w, new Random(SEED), 300_000, 1);
        }
        List<Rec> expected;
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            expected = readWithChronicle(q);
        }
        assertEquals(300_000, expected.size());
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(expected, drain(reader, 4096), "seed " + SEED);
            assertEquals(300_000, reader.records());
            assertEquals(0, reader.checksumFailures());
            assertEquals(0, reader.malformedRecords());
            assertEquals(expected.get(expected.size() - 1).index(), reader.lastIndex());
        }
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(expected.subList(0, 5000), drain(reader, 1, 5000), "one record per poll");
        }
    }

    @Test
    @DisplayName("skips Chronicle's index documents between records and counts indexes as Chronicle does")
    void skipsIndexDocumentsBetweenRecords() throws IOException {
        // FAST_DAILY's own index arrays hold 4096 x 256 records: a dense index makes many more of them.
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY)
                .indexCount(256).indexSpacing(4).build(); JournalWriter w = new JournalWriter(q, 7)) {
            append(w, new Random(SEED), 30_000, 1);
        }
        List<Doc> docs = documents(cycleFiles(dir).get(0));
        long firstData = docs.stream().filter(Doc::isData).findFirst().orElseThrow().position();
        long interleaved = docs.stream().filter(d -> !d.isData() && d.position() > firstData).count();
        assertTrue(interleaved > 20, "index documents between the records: " + interleaved);
        List<Rec> expected;
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            expected = readWithChronicle(q);
        }
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(expected, drain(reader, 4096), "seed " + SEED);
        }
    }

    @Test
    @DisplayName("follows the roll over several cycles with Chronicle's indexes, for daily and secondly cycles")
    void followsTheRollOverSeveralCycles() throws IOException {
        checkRoll(RollCycles.FAST_DAILY, TimeUnit.DAYS.toMillis(1));
        checkRoll(TestRollCycles.TEST_SECONDLY, 1000);
    }

    private void checkRoll(RollCycle rollCycle, long cycleMillis) throws IOException {
        Path journal = dir.resolve(rollCycle.toString());
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-22T10:00:00Z"));
        Random random = new Random(SEED);
        try (SingleChronicleQueue q = queue(journal, rollCycle, time); JournalWriter w = new JournalWriter(q, 0)) {
            long seq = 1;
            for (int cycle = 0; cycle < 4; cycle++) {
                seq = append(w, random, 2_000 + cycle, seq);
                // skip a cycle between the 2nd and 3rd batch: no file for it
                time.advanceMillis(cycle == 1 ? 2 * cycleMillis : cycleMillis);
            }
        }
        assertEquals(4, cycleFiles(journal).size());
        List<Rec> expected;
        try (SingleChronicleQueue q = queue(journal, rollCycle, time)) {
            expected = readWithChronicle(q);
        }
        try (CycleFileReader reader = new CycleFileReader(journal, rollCycle, true, CycleFileReader.DEFAULT_CHUNK_SIZE)) {
            assertEquals(expected, drain(reader, 4096), rollCycle.toString());
        }
        // moveToIndex lands on the same record as Chronicle's, in a later cycle
        Rec target = expected.get(expected.size() - 1500);
        try (SingleChronicleQueue q = queue(journal, rollCycle, time); JournalReader chronicle = new JournalReader(q, true);
             CycleFileReader reader = new CycleFileReader(journal, rollCycle, true, CycleFileReader.DEFAULT_CHUNK_SIZE)) {
            assertTrue(chronicle.moveToIndex(target.index()));
            assertTrue(reader.moveToIndex(target.index()));
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            chronicle.poll(a);
            reader.poll(b);
            assertEquals(List.of(target), a.seen);
            assertEquals(List.of(target), b.seen);
            long pastTheEnd = expected.get(expected.size() - 1).index() + 1;
            assertFalse(reader.moveToIndex(pastTheEnd));
            reader.poll(b);
            assertEquals(expected.get(expected.size() - 1499), b.seen.get(1), "position unchanged by a failed move");
        }
    }

    @Test
    @DisplayName("leaves a cycle without end marker when a newer cycle file exists")
    void leavesACycleWithoutEndMarker() throws IOException {
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-22T10:00:00Z"));
        try (SingleChronicleQueue q = queue(dir, RollCycles.FAST_DAILY, time); JournalWriter w = new JournalWriter(q, 0)) {
            long seq = append(w, new Random(SEED), 100, 1);
            time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            append(w, new Random(SEED), 100, seq);
        }
        List<Rec> expected;
        try (SingleChronicleQueue q = queue(dir, RollCycles.FAST_DAILY, time)) {
            expected = readWithChronicle(q);
        }
        Path first = cycleFiles(dir).get(0);
        List<Doc> docs = documents(first);
        Doc eof = docs.get(docs.size() - 1);
        assertEquals(0xC000_0000, eof.header());
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.seek(eof.position());
            raf.writeInt(0);
        }
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(expected, drain(reader, 4096));
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("a live journal: every record appended while the reader polls is seen once, in order, across rolls")
    void readsALiveJournal() throws Exception {
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-22T10:00:00Z"));
        int batches = 5;
        int perBatch = 4_000;
        AtomicLong readerRecords = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (SingleChronicleQueue q = queue(dir, TestRollCycles.TEST_SECONDLY, time)) {
            // the first cycle file exists before the reader starts; the rest appear while it reads
            try (JournalWriter w = new JournalWriter(q, 0)) {
                w.appendSessionStart("file:live.itch", 0, 1);
            }
            Thread writer = new Thread(() -> {
                try (JournalWriter w = new JournalWriter(q, 0)) {
                    Random random = new Random(SEED);
                    long seq = 1;
                    for (int b = 0; b < batches; b++) {
                        seq = append(w, random, perBatch, seq);
                        if (b % 2 == 0) {
                            // let the reader catch up and wait at the written end before the roll
                            long written = 1 + (long) (b + 1) * perBatch;
                            while (readerRecords.get() < written) {
                                Thread.onSpinWait();
                            }
                        }
                        time.advanceMillis(1000);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "journal-writer");
            Recorder live = new Recorder();
            try (CycleFileReader reader = new CycleFileReader(dir, TestRollCycles.TEST_SECONDLY, true,
                    CycleFileReader.DEFAULT_CHUNK_SIZE)) {
                writer.start();
                long total = 1 + (long) batches * perBatch;
                while (reader.records() < total && failure.get() == null) {
                    if (reader.poll(live, 64) == 0) {
                        Thread.onSpinWait();
                    }
                    readerRecords.set(reader.records());
                }
                writer.join();
                assertNull(failure.get());
                assertEquals(0, reader.poll(live, 64), "nothing after the last record");
                assertEquals(total, reader.records());
            }
            assertEquals(readWithChronicle(q), live.seen);
        }
    }

    @Test
    @DisplayName("a document still being written is read only once its writer completes it")
    void waitsForADocumentBeingWritten() {
        byte[] m = {'S', 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 'O'};
        byte[] record = new byte[JournalRecordLayout.HEADER_LENGTH + m.length];
        record[JournalRecordLayout.KIND_OFFSET] = JournalRecordLayout.KIND_MESSAGE;
        record[JournalRecordLayout.VERSION_OFFSET] = JournalRecordLayout.VERSION;
        record[JournalRecordLayout.PAYLOAD_LENGTH_OFFSET] = (byte) m.length;
        JournalWriter.putLong(record, JournalRecordLayout.SEQUENCE_OFFSET, 2);
        System.arraycopy(m, 0, record, JournalRecordLayout.HEADER_LENGTH, m.length);
        JournalWriter.putInt(record, JournalRecordLayout.CRC_OFFSET, JournalWriter.checksum(new CRC32C(), record, m.length));
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0);
             ExcerptAppender raw = q.createAppender()) {
            w.appendMessage(m, 0, m.length, 1, 1);
            try (CycleFileReader reader = new CycleFileReader(dir, true)) {
                Recorder r = new Recorder();
                assertEquals(1, reader.poll(r, 10));
                try (DocumentContext dc = raw.writingDocument()) {
                    dc.wire().bytes().write(record);
                    assertEquals(0, reader.poll(r, 10), "not complete yet");
                }
                assertEquals(1, reader.poll(r, 10));
                assertEquals(List.of(1L, 2L), r.seen.stream().map(Rec::sequence).toList());
                assertEquals(readWithChronicle(q), r.seen);
            }
        }
    }

    @Test
    @DisplayName("a flipped payload byte is a counted checksum failure, skipped, as with Chronicle's tailer")
    void countsAndSkipsACorruptRecord() throws IOException {
        byte[] good = {'S', 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 'O'};
        byte[] victim = {'S', 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 'Q', 0x5A, 0x5B, 0x5C, 0x5D};
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            w.appendMessage(good, 0, good.length, 1, 1);
            w.appendMessage(victim, 0, victim.length, 2, 2);
            w.appendMessage(good, 0, good.length, 3, 3);
        }
        Path cycle = cycleFiles(dir).get(0);
        byte[] content = Files.readAllBytes(cycle);
        int at = JournalWriterReaderTest.indexOf(content, new byte[]{0x5A, 0x5B, 0x5C, 0x5D});
        try (RandomAccessFile raf = new RandomAccessFile(cycle.toFile(), "rw")) {
            raf.seek(at);
            raf.write(0x5A ^ 0x01);
        }
        Recorder chronicle = new Recorder();
        long chronicleFirstFailure;
        try (SingleChronicleQueue q = Journal.openForRead(dir); JournalReader reader = new JournalReader(q, true)) {
            while (reader.poll(chronicle) > 0) {
                // drain
            }
            chronicleFirstFailure = reader.firstChecksumFailureIndex();
        }
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(chronicle.seen, drain(reader, 4096));
            assertEquals(3, reader.records());
            assertEquals(1, reader.checksumFailures());
            assertEquals(chronicleFirstFailure, reader.firstChecksumFailureIndex());
            assertEquals(List.of(1L, 3L), chronicle.seen.stream().map(Rec::sequence).toList());
        }
    }

    @Test
    @DisplayName("records straddling a chunk boundary are read whole from the overlapping mapping")
    void readsRecordsStraddlingChunkBoundaries() throws IOException {
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            append(w, new Random(SEED), 20_000, 1);
        }
        long chunk = CycleFileReader.OVERLAP_SIZE;
        List<Doc> straddling = documents(cycleFiles(dir).get(0)).stream()
                .filter(d -> d.isData() && d.position() / chunk != (d.end() - 1) / chunk).toList();
        assertTrue(straddling.size() > 5, "expected records across chunk boundaries, got " + straddling.size());
        List<Rec> expected;
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            expected = readWithChronicle(q);
        }
        try (CycleFileReader reader = new CycleFileReader(dir, RollCycles.FAST_DAILY, true, chunk)) {
            assertEquals(expected, drain(reader, 4096));
            assertTrue(reader.remaps() < 2 * (straddling.size() + 2L), "remaps " + reader.remaps());
        }
    }

    @Test
    @DisplayName("a default reader maps a cycle file longer than its chunk in one mapping (no remap on the way)")
    void mapsAWholeCycleFileOnce() throws IOException {
        int count = 560_000; // about 136 bytes a record: past the 64 MiB default chunk
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            append(w, new Random(SEED), count, 1);
        }
        long length = Files.size(cycleFiles(dir).get(0));
        assertTrue(length > CycleFileReader.DEFAULT_CHUNK_SIZE, "cycle file of " + length + " bytes");
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            while (reader.poll(new Recorder(), 4096) > 0) {
                // drain
            }
            assertEquals(count, reader.records());
            assertEquals(0, reader.checksumFailures());
            assertEquals(1, reader.remaps(), "one mapping for a " + length + "-byte cycle file");
        }
    }

    @Test
    void anEmptyDirectoryIsAJournalWithNothingWrittenYet() throws IOException {
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            assertEquals(0, reader.poll(new Recorder(), 10));
            assertFalse(reader.moveToIndex(0));
        }
    }

    private static SingleChronicleQueue queue(Path dir, RollCycle rollCycle, SetTimeProvider time) {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(rollCycle).timeProvider(time).build();
    }

    private static List<Rec> drain(CycleFileReader reader, int batch) {
        return drain(reader, batch, Long.MAX_VALUE);
    }

    private static List<Rec> drain(CycleFileReader reader, int batch, long limit) {
        Recorder r = new Recorder();
        while (r.seen.size() < limit && reader.poll(r, batch) > 0) {
            // drain
        }
        return new ArrayList<>(r.seen);
    }
}
