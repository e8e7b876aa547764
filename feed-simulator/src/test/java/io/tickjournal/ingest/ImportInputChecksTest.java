package io.tickjournal.ingest;

import io.tickjournal.TickjournalException;
import io.tickjournal.feed.FeedMessages;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.DisplayName;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer's input checks (issue 13, points 3-5): a desynchronised BinaryFILE stops at the
 * offset where the framing is lost, a file that is no BinaryFILE is refused up front, zero length
 * prefixes are framed by message type, and a damaged gzip stream ends the import with its
 * messages marked unverified (the session end record gives the reason).
 */
class ImportInputChecksTest {
    private static final long SEED = Long.getLong("seed", System.nanoTime());

    @TempDir
    Path tmp;

    /** One journal record as text: kind and sequence, and the message bytes for 'M'. */
    private static List<String> records(Path journal) {
        List<String> out = new ArrayList<>();
        try (CycleFileReader r = new CycleFileReader(journal, true)) {
            JournalRecordHandler h = new JournalRecordHandler() {
                @Override
                public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rt, long seq) {
                    byte[] b = new byte[length];
                    buffer.read(offset, b, 0, length);
                    out.add("M" + seq + ":" + Arrays.toString(b));
                }

                @Override
                public void onSessionStart(String description, long firstSequence, long index) {
                    out.add("S" + firstSequence);
                }

                @Override
                public void onSessionEnd(long lastSequence, long index) {
                    out.add("E" + lastSequence);
                }
            };
            while (r.poll(h, 4096) > 0) {
                // to the end
            }
            assertEquals(0, r.checksumFailures() + r.malformedRecords());
        }
        return out;
    }

    private static ImportReport importInto(Path file, Path journal, boolean lenient) {
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            return new BinaryFileIngestor(lenient).importFile(file, w, null);
        }
    }

    private Path day(int messages) {
        Path itch = tmp.resolve("day.itch");
        new ItchDayGenerator(20, messages, 7).writeBinaryFile(itch);
        return itch;
    }

    /** Byte offsets of the length prefixes of a properly framed file. */
    private static List<Integer> prefixOffsets(byte[] file) {
        List<Integer> offsets = new ArrayList<>();
        for (int pos = 0; pos < file.length; pos += 2 + Framing.prefix(file, pos)) {
            offsets.add(pos);
        }
        return offsets;
    }

    @Test
    @DisplayName("a length prefix off by one stops a strict import at its offset, after every message before it")
    void desynchronisedFileStopsAtTheOffset() throws IOException {
        byte[] file = Files.readAllBytes(day(5_000));
        List<Integer> prefixes = prefixOffsets(file);
        Random random = new Random(SEED);
        int k = 100 + random.nextInt(prefixes.size() - 200);
        int at = prefixes.get(k);
        file[at + 1]++; // the k-th message (0-based) claims one byte more than its type has
        Path bad = tmp.resolve("desync.itch");
        Files.write(bad, file);
        ImportReport r = importInto(bad, tmp.resolve("journal"), false);
        assertEquals(at, r.desyncAt(), "seed " + SEED);
        assertEquals(k, r.messages());
        assertTrue(r.stopReason().startsWith("framing lost at byte " + at + ": length prefix "), r.stopReason());
        List<String> journaled = records(tmp.resolve("journal"));
        assertEquals(k + 2, journaled.size(), "session start, the k good messages, session end");
        assertEquals("E" + k, journaled.get(journaled.size() - 1));

        // --lenient: today's behaviour, the rest journaled and counted
        ImportReport lenient = importInto(bad, tmp.resolve("lenient"), true);
        assertNull(lenient.stopReason());
        assertTrue(lenient.messages() > k && lenient.badLengths() + lenient.unknownTypes() > 0, lenient.toString());
    }

    @Test
    @DisplayName("an unknown type byte stops a strict import and names it")
    void unknownTypeStops() throws IOException {
        byte[] good = BinaryFileIngestorTest.frame(BinaryFileIngestorTest.systemEvent(1));
        byte[] content = BinaryFileIngestorTest.concat(good, BinaryFileIngestorTest.frame(new byte[]{'@', 1, 2}));
        Path f = tmp.resolve("unknown.itch");
        Files.write(f, content);
        ImportReport r = importInto(f, tmp.resolve("journal"), false);
        assertEquals(14, r.desyncAt());
        assertEquals(1, r.messages());
        assertEquals("framing lost at byte 14: type byte 0x40 is no ITCH 5.0 message type (length prefix 3); the 1 "
                + "messages before it are journaled (--lenient journals and counts such messages instead)",
                r.stopReason());
    }

    @Test
    @DisplayName("random bytes: \"not an ITCH 5.0 BinaryFILE\" with what was found, before a journal is created")
    void randomBytesAreNoBinaryFile() throws IOException {
        byte[] noise = new byte[57_731];
        new Random(SEED).nextBytes(noise);
        noise[0] = 0x12; // a first prefix of at least 4608: no ITCH message is that long
        Path f = tmp.resolve("noise.bin");
        Files.write(f, noise);
        TickjournalException e = assertThrows(TickjournalException.class,
                () -> BinaryFileIngestor.requireImportable(f, false));
        assertTrue(e.getMessage().startsWith(f + ": not an ITCH 5.0 BinaryFILE: it starts with 12 "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        BinaryFileIngestor.requireImportable(f, true); // lenient takes it for length-prefixed
    }

    @Test
    @DisplayName("the RITCH sample (every prefix zero) imports as 12,012 messages with its published counts")
    void ritchSample() throws IOException {
        Path sample = tmp.resolve("ex20101224.TEST_ITCH_50");
        try (InputStream in = getClass().getResourceAsStream("/itch/ritch-ex20101224.TEST_ITCH_50")) {
            Files.write(sample, in.readAllBytes());
        }
        BinaryFileIngestor.requireImportable(sample, false);
        Map<Character, Integer> counts = new TreeMap<>();
        ImportReport r = new BinaryFileIngestor().frameFile(sample,
                (buffer, offset, length, sequence) -> counts.merge((char) buffer[offset], 1, Integer::sum));
        assertEquals(Framing.TYPE_LENGTHS, r.framing());
        assertNull(r.stopReason());
        assertEquals(-1, r.truncatedAt());
        assertEquals(12_012, r.messages());
        assertEquals(Map.of('S', 6, 'R', 3, 'H', 3, 'A', 4_997, 'F', 3, 'E', 198, 'X', 45, 'D', 1_745, 'U', 12,
                'P', 5_000), counts);
    }

    @Test
    @DisplayName("a generated day with its prefixes zeroed journals exactly as the properly framed day")
    void zeroPrefixedDayEqualsFramedDay() throws IOException {
        Path framed = day(20_000);
        byte[] bytes = Files.readAllBytes(framed);
        for (int at : prefixOffsets(bytes)) {
            bytes[at] = 0;
            bytes[at + 1] = 0;
        }
        Path zeroed = tmp.resolve("zeroed.itch");
        Files.write(zeroed, bytes);
        ImportReport a = importInto(framed, tmp.resolve("framed-journal"), false);
        ImportReport b = importInto(zeroed, tmp.resolve("zeroed-journal"), false);
        assertEquals(Framing.LENGTH_PREFIXED, a.framing());
        assertEquals(Framing.TYPE_LENGTHS, b.framing());
        assertEquals(20_000, b.messages());
        assertEquals(records(tmp.resolve("framed-journal")), records(tmp.resolve("zeroed-journal")));
    }

    private Path gzip(byte[] plain, String name) throws IOException {
        Path gz = tmp.resolve(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        Files.write(gz, bytes.toByteArray());
        return gz;
    }

    @Test
    @DisplayName("a corrupt gzip stream: the messages before it journaled and reported unverified")
    void corruptGzip() throws IOException {
        Path gz = gzip(Files.readAllBytes(day(50_000)), "day.itch.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Random random = new Random(SEED);
        // A change in the deflate data is caught by the inflater or, at the latest, by the trailer's CRC32.
        bytes[bytes.length / 2 + random.nextInt(bytes.length / 4)] ^= (byte) (1 + random.nextInt(255));
        Files.write(gz, bytes);
        ImportReport r = importInto(gz, tmp.resolve("journal"), false);
        String why = r.stopReason();
        assertNotNull(why, "seed " + SEED);
        assertTrue(why.startsWith("corrupt or truncated gzip stream (")
                        && why.contains("unverified by the stream's CRC32"),
                why);
        List<String> journaled = records(tmp.resolve("journal"));
        assertEquals("S1", journaled.get(0));
        assertEquals("E" + r.messages(), journaled.get(journaled.size() - 1), "the session end (with the reason)");
        assertEquals(r.messages() + 2, journaled.size());
    }

    @Test
    @DisplayName("a gzip stream cut short: the messages before the cut journaled and reported unverified")
    void truncatedGzip() throws IOException {
        Path gz = gzip(Files.readAllBytes(day(50_000)), "day.itch.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        ImportReport r = importInto(gz, tmp.resolve("journal"), false);
        assertTrue(r.gzipDamaged());
        assertTrue(r.messages() > 1_000, "what was decompressed before the cut is journaled: " + r.messages());
        List<String> journaled = records(tmp.resolve("journal"));
        assertEquals(r.messages() + 2, journaled.size(), "session start, the messages, the session end");
    }

    @Test
    @DisplayName("the feed refuses a cut gzip stream and a desynchronised file instead of serving part of it")
    void feedRefusesDamagedInput() throws IOException {
        byte[] plain = Files.readAllBytes(day(20_000));
        Path gz = gzip(plain, "day.itch.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        TickjournalException e = assertThrows(TickjournalException.class, () -> FeedMessages.load(gz));
        assertTrue(e.getMessage().startsWith(gz + ": corrupt or truncated gzip stream (")
                && e.getMessage().endsWith("; nothing served"), e.getMessage());
        plain[prefixOffsets(plain).get(500) + 1]++;
        Path bad = tmp.resolve("desync.itch");
        Files.write(bad, plain);
        e = assertThrows(TickjournalException.class, () -> FeedMessages.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": framing lost at byte "), e.getMessage());
    }

    @Test
    @DisplayName("a 2-byte gzip file: one line, not EOFException")
    void twoByteGzip() throws IOException {
        Path f = tmp.resolve("tiny.gz");
        Files.write(f, new byte[]{0x1f, (byte) 0x8b});
        TickjournalException e = assertThrows(TickjournalException.class,
                () -> BinaryFileIngestor.requireImportable(f, false));
        assertEquals(f + ": gzip stream ends inside its 10-byte header (the file has 2 bytes): "
                        + "not a complete gzip file",
                e.getMessage());
    }
}
