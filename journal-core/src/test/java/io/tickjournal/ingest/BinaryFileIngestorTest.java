package io.tickjournal.ingest;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalReader;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input never loses what came before it, and is reported or counted. */
class BinaryFileIngestorTest {
    @TempDir
    Path tmp;

    static byte[] systemEvent(int n) {
        byte[] m = new byte[12];
        m[0] = 'S';
        m[10] = (byte) n;
        m[11] = 'O';
        return m;
    }

    static byte[] delete(long ref) {
        byte[] m = new byte[19];
        m[0] = 'D';
        for (int i = 0; i < 8; i++) {
            m[11 + i] = (byte) (ref >>> (56 - 8 * i));
        }
        return m;
    }

    static byte[] frame(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            out.write(m.length >>> 8);
            out.write(m.length);
            out.writeBytes(m);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private ImportReport importBytes(byte[] content, String name) throws IOException {
        return importBytes(content, name, false);
    }

    private ImportReport importBytes(byte[] content, String name, boolean lenient) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, content);
        return importFile(file, lenient);
    }

    private ImportReport importFile(Path file) {
        return importFile(file, false);
    }

    private ImportReport importFile(Path file, boolean lenient) {
        try (SingleChronicleQueue q = Journal.openForWrite(tmp.resolve("journal")); JournalWriter w = new JournalWriter(q, 0)) {
            return new BinaryFileIngestor(lenient).importFile(file, w, null);
        }
    }

    /** The messages in the journal, as byte arrays in order. */
    private List<String> journaled() {
        List<String> out = new ArrayList<>();
        try (SingleChronicleQueue q = Journal.openForRead(tmp.resolve("journal")); JournalReader r = new JournalReader(q, true)) {
            JournalRecordHandler h = (RandomDataInput buffer, long offset, int length, long index, long rt, long seq) -> {
                byte[] b = new byte[length];
                buffer.read(offset, b, 0, length);
                out.add(seq + ":" + Arrays.toString(b));
            };
            while (r.poll(h) > 0) {
                // drain
            }
            assertEquals(0, r.checksumFailures());
        }
        return out;
    }

    private static List<String> expected(byte[]... messages) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            out.add((i + 1) + ":" + Arrays.toString(messages[i]));
        }
        return out;
    }

    @Test
    void aCleanFileIsJournaledMessageForMessageWithOrdinalSequences() throws IOException {
        ImportReport r = importBytes(frame(systemEvent(1), delete(7), systemEvent(2)), "clean.itch");
        assertEquals(3, r.messages());
        assertFalse(r.truncated());
        assertEquals(expected(systemEvent(1), delete(7), systemEvent(2)), journaled());
    }

    @Test
    void truncatedInsideALengthPrefix() throws IOException {
        byte[] good = frame(systemEvent(1), delete(7));
        ImportReport r = importBytes(concat(good, new byte[]{0}), "prefix.itch");
        assertEquals(2, r.messages());
        assertEquals(good.length, r.truncatedAt());
        assertEquals(1, r.truncatedMissing());
        assertTrue(r.truncatedInLengthPrefix());
        assertEquals(expected(systemEvent(1), delete(7)), journaled());
    }

    @Test
    void truncatedInsideAMessage() throws IOException {
        byte[] good = frame(systemEvent(1), delete(7));
        byte[] partial = Arrays.copyOf(frame(delete(8)), 2 + 10);
        ImportReport r = importBytes(concat(good, partial), "message.itch");
        assertEquals(2, r.messages());
        assertEquals(good.length, r.truncatedAt());
        assertEquals(9, r.truncatedMissing());
        assertFalse(r.truncatedInLengthPrefix());
        assertEquals(expected(systemEvent(1), delete(7)), journaled());
    }

    @Test
    void zeroLengthPrefixesAreCountedAndSkippedWhenLenient() throws IOException {
        byte[] content = concat(concat(frame(systemEvent(1)), new byte[]{0, 0}), frame(systemEvent(2)));
        ImportReport r = importBytes(content, "zero.itch", true);
        assertEquals(1, r.zeroLengths());
        assertEquals(2, r.messages());
        assertEquals(expected(systemEvent(1), systemEvent(2)), journaled());
    }

    @Test
    void unknownTypesAndWrongLengthsAreJournaledVerbatimAndCountedWhenLenient() throws IOException {
        byte[] unknown = {'@', 1, 2, 3};
        byte[] shortDelete = Arrays.copyOf(delete(9), 15);
        ImportReport r = importBytes(frame(systemEvent(1), unknown, shortDelete, systemEvent(2)), "odd.itch", true);
        assertEquals(4, r.messages());
        assertEquals(1, r.unknownTypes());
        assertEquals(1, r.badLengths());
        assertEquals(expected(systemEvent(1), unknown, shortDelete, systemEvent(2)), journaled());
    }

    @Test
    void gzipIsDetectedByItsMagic() throws IOException {
        byte[] plain = frame(systemEvent(1), delete(7));
        Path gz = tmp.resolve("day.itch.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(plain);
        }
        ImportReport r = importFile(gz);
        assertEquals(2, r.messages());
        assertEquals(expected(systemEvent(1), delete(7)), journaled());
    }

    @Test
    void emptyAndMissingFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path empty = tmp.resolve("empty.itch");
        Files.createFile(empty);
        TickjournalException e1 = assertThrows(TickjournalException.class, () -> BinaryFileIngestor.requireReadableNonEmpty(empty));
        assertEquals(empty + ": empty file, no ITCH messages to import", e1.getMessage());
        Path missing = tmp.resolve("missing.itch");
        TickjournalException e2 = assertThrows(TickjournalException.class, () -> BinaryFileIngestor.requireReadableNonEmpty(missing));
        assertEquals(missing + ": no such file", e2.getMessage());
        assertFalse(Files.exists(tmp.resolve("journal")), "nothing is created for a bad input file");
    }

    @Test
    void realNasdaqSampleWithItsTruncatedTail() throws IOException {
        Path sample = tmp.resolve("nasdaq.itch");
        try (InputStream in = getClass().getResourceAsStream("/itch/nasdaq-01302019-first4096.itch")) {
            Files.write(sample, in.readAllBytes());
        }
        ImportReport r = importFile(sample);
        // data/itch-samples README: 101 complete messages, then an R message 26 bytes short at offset 4081.
        assertEquals(101, r.messages());
        assertEquals(4081, r.truncatedAt());
        assertEquals(26, r.truncatedMissing());
        assertEquals(0, r.unknownTypes());
        assertEquals(0, r.badLengths());
        List<String> journaled = journaled();
        assertEquals(101, journaled.size());
        assertTrue(journaled.get(0).startsWith("1:[83,"), "first message is the S system event");
    }
}
