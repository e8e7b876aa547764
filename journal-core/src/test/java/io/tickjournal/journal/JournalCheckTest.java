package io.tickjournal.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.tickjournal.journal.JournalRecords.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structural check, the appenders' refusal and the reader's stops, on journals damaged by hand. */
class JournalCheckTest {
    private static final long SEED = 20261205L;
    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a journal as Chronicle wrote it passes, across cycle files, and its reader stops clean")
    void cleanJournalPasses() throws IOException {
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-22T10:00:00Z"));
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(Journal.DEFAULT_ROLL_CYCLE)
                .timeProvider(time).build(); JournalWriter w = new JournalWriter(q, 0)) {
            long seq = append(w, new Random(SEED), RECORDS, 1);
            time.advanceMillis(86_400_000L);
            append(w, new Random(SEED + 1), RECORDS, seq);
        }
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(List.of(), r.damages());
        assertEquals(List.of(), r.warnings());
        assertEquals(2 * RECORDS, r.records());
        assertEquals(2, r.files());
        assertEquals(2 * RECORDS, JournalCheck.estimateRecords(dir));
        assertNull(JournalAppendCheck.refusal(dir));
        assertEquals(List.of(), JournalCheck.checkStops(dir, readToEnd(dir)));
    }

    @Test
    @DisplayName("a not-complete bit on a record with records after it is damage: offset, last good index, refusal")
    void notCompleteInTheMiddleIsDamage() throws IOException {
        write();
        List<Long> docs = dataDocuments();
        long target = docs.get(1_000);
        setByte(target + 3, readByte(target + 3) | 0x80);

        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(1, r.damages().size(), r.damages().toString());
        JournalDamage d = r.damages().get(0);
        assertEquals(target, d.offset());
        assertEquals(999, d.lastGoodIndex() & 0xFFFF_FFFFL);
        assertTrue(d.bytesAfter() > 0);
        String refusal = JournalAppendCheck.refusal(dir);
        assertNotNull(refusal);
        assertTrue(refusal.contains("byte " + target), refusal);
        List<JournalDamage> stops = JournalCheck.checkStops(dir, readToEnd(dir));
        assertEquals(List.of(d), stops);
    }

    @Test
    @DisplayName("the not-complete bit on the very last record is damage too: the header says it was complete")
    void notCompleteLastRecordIsDamage() throws IOException {
        write();
        List<Long> docs = dataDocuments();
        long last = docs.get(docs.size() - 1);
        setByte(last + 3, readByte(last + 3) | 0x80);
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(1, r.damages().size(), r.damages().toString());
        assertEquals(last, r.damages().get(0).offset());
        assertEquals(1, JournalCheck.checkStops(dir, readToEnd(dir)).size());
    }

    @Test
    @DisplayName("a damaged write position, index entry, header length or table store entry is found without a crash")
    void chronicleStructuresAreChecked() throws IOException {
        write();
        Path cycle = cycleFile();
        byte[] clean = Files.readAllBytes(cycle);
        byte[] table = Files.readAllBytes(dir.resolve("metadata.cq4t"));
        long[][] cases = {{71, 0x10}, {33_008 + 4 + 32 + 8, 0x01}, {1, 0x07}, {203, 0x01}};
        for (long[] c : cases) {
            setByte(c[0], readByte(c[0]) ^ (int) c[1]);
            JournalCheck.Result r = JournalCheck.check(dir);
            assertFalse(r.ok(), "byte " + c[0]);
            assertTrue(r.damages().stream().anyMatch(d -> Math.abs(d.offset() - c[0]) < 8 || d.offset() == 64), r.damages().toString());
            assertNotNull(JournalAppendCheck.refusal(dir));
            Files.write(cycle, clean);
        }
        assertTrue(JournalCheck.check(dir).ok());
        byte[] damaged = table.clone();
        damaged[160] ^= 0x20; // inside the key "listing.highestCycle"
        Files.write(dir.resolve("metadata.cq4t"), damaged);
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(1, r.damages().size(), r.damages().toString());
        assertEquals(dir.resolve("metadata.cq4t"), r.damages().get(0).file());
    }

    @Test
    @DisplayName("a cycle file truncated inside its records, or after the last one, is damage")
    void truncationIsDamage() throws IOException {
        write();
        List<Long> docs = dataDocuments();
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.setLength(docs.get(2_000) + 10);
        }
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(1, r.damages().size(), r.damages().toString());
        assertEquals(docs.get(2_000), r.damages().get(0).offset());
        assertEquals(1999, r.damages().get(0).lastGoodIndex() & 0xFFFF_FFFFL);
        assertEquals(1, JournalCheck.checkStops(dir, readToEnd(dir)).size());
    }

    @Test
    @DisplayName("a header write position one document behind the newest file's last is a killed writer's, not damage")
    void writePositionBehindTheLastDocumentIsAKilledWriters() throws IOException {
        write();
        List<Long> docs = dataDocuments();
        long previous = docs.get(docs.size() - 2);
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.seek(ChronicleStoreLayout.WRITE_POSITION_OFFSET); // a little-endian long
            f.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(previous).array());
        }
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(List.of(), r.damages());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertEquals(RECORDS, r.records());
        assertNull(JournalAppendCheck.refusal(dir));
        assertEquals(List.of(), JournalCheck.checkStops(dir, readToEnd(dir)));
    }

    @Test
    @DisplayName("a header write sequence one document behind its write position is a killed writer's, not damage")
    void writeSequenceBehindTheWritePositionIsAKilledWriters() throws IOException {
        write();
        List<Long> docs = dataDocuments();
        long previous = docs.get(docs.size() - 2);
        // records - 2: the walk counts data documents (the last is records - 1), previous is the one before
        long sequence = (previous << 32) | (RECORDS - 2);
        writeLong(ChronicleStoreLayout.WRITE_SEQUENCE_OFFSET, sequence);
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(List.of(), r.damages());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertNull(JournalAppendCheck.refusal(dir));
        writeLong(ChronicleStoreLayout.WRITE_SEQUENCE_OFFSET, (previous << 32) | (RECORDS - 200));
        assertFalse(JournalCheck.check(dir).ok(), "a sequence far behind is damage");
        writeLong(ChronicleStoreLayout.WRITE_SEQUENCE_OFFSET, sequence);
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            append(w, new Random(SEED + 2), 100, RECORDS + 1); // a restarted writer carries on
        }
        JournalCheck.Result after = JournalCheck.check(dir);
        assertEquals(List.of(), after.damages());
        assertEquals(List.of(), after.warnings());
        assertEquals(RECORDS + 100, after.records());
        assertEquals(List.of(), JournalCheck.checkStops(dir, readToEnd(dir)));
    }

    @Test
    @DisplayName("a last record on an index boundary left unindexed by a killed writer is a warning, and so is the "
            + "hole a restarted writer leaves; the index's other states in Chronicle's write order too")
    void lastRecordUnindexedIsAKilledWriters() throws IOException {
        int onBoundary = 2 * ChronicleStoreLayout.INDEX_SPACING + 1;
        long seq;
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            seq = append(w, new Random(SEED), onBoundary, 1);
        }
        Path cycle = cycleFile();
        byte[] clean = Files.readAllBytes(cycle);
        long array = readLong(ChronicleStoreLayout.INDEX2INDEX_POSITION + ChronicleStoreLayout.INDEX2INDEX_ENTRIES_OFFSET);
        long entry = array + ChronicleStoreLayout.INDEX_ENTRIES_OFFSET + 16;
        long used = array + ChronicleStoreLayout.INDEX_USED_OFFSET;
        long last = ChronicleStoreLayout.LAST_INDEX_OFFSET;
        // Chronicle sets the entry, then the array's used count, then lastIndex: a kill stops after any.
        long[][] kills = {{entry, 0, used, 2, last, 512}, {used, 2, last, 512}, {last, 512}};
        for (long[] kill : kills) {
            for (int i = 0; i < kill.length; i += 2) {
                writeLong(kill[i], kill[i + 1]);
            }
            JournalCheck.Result r = JournalCheck.check(dir);
            assertEquals(List.of(), r.damages(), "kill " + java.util.Arrays.toString(kill));
            assertEquals(1, r.warnings().size(), r.warnings().toString());
            assertNull(JournalAppendCheck.refusal(dir));
            assertEquals(List.of(), JournalCheck.checkStops(dir, readToEnd(dir)));
            Files.write(cycle, clean);
        }
        writeLong(entry, 0);
        writeLong(used, 2);
        writeLong(last, 512);
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            append(w, new Random(SEED + 1), 300, seq);
        }
        JournalCheck.Result r = JournalCheck.check(dir);
        assertEquals(List.of(), r.damages());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertEquals(entry, r.warnings().get(0).offset());
        assertEquals(onBoundary + 300, r.records());
        assertEquals(List.of(), JournalCheck.checkStops(dir, readToEnd(dir)));
        writeLong(entry + 8, 0); // a second hole, and one at the used count's edge, stay readable too
        assertEquals(List.of(), JournalCheck.check(dir).damages());
        writeLong(entry + 8, 12_345_678); // an entry that names no record is still damage
        assertFalse(JournalCheck.check(dir).ok());
    }

    private long readLong(long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "r")) {
            f.seek(at);
            return Long.reverseBytes(f.readLong());
        }
    }

    private void writeLong(long at, long value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.seek(at);
            f.writeLong(Long.reverseBytes(value));
        }
    }

    private void write() {
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
            append(w, new Random(SEED), RECORDS, 1);
        }
    }

    private static List<ReadStop> readToEnd(Path dir) {
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            JournalRecordHandler ignore = (buffer, offset, length, index, receiveTimeNs, sequence) -> { };
            while (reader.poll(ignore, 4096) > 0) {
                // to the end of what is written
            }
            reader.close();
            return reader.stops();
        }
    }

    private Path cycleFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Offsets of the data documents' header words, by the framing of docs/journal-format.md. */
    private List<Long> dataDocuments() throws IOException {
        List<Long> docs = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "r")) {
            long p = 0;
            while (true) {
                f.seek(p);
                int h = Integer.reverseBytes(f.readInt());
                if (h == 0) {
                    return docs;
                }
                if ((h & 0x4000_0000) == 0) {
                    docs.add(p);
                }
                p = (p + 4 + (h & 0x3FFF_FFFF) + 3) & ~3L;
            }
        }
    }

    private int readByte(long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "r")) {
            f.seek(at);
            return f.read();
        }
    }

    private void setByte(long at, int value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(cycleFile().toFile(), "rw")) {
            f.seek(at);
            f.write(value);
        }
    }
}
