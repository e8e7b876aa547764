package io.tickjournal.verify;

import io.tickjournal.TickjournalException;
import io.tickjournal.cli.TickjournalCommand;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} on journals built from a small generated day: clean, then with one fault each
 * (a flipped byte at rest, a wrong value injected into the fast engine's output, a sequence hole,
 * a recorded gap, a last excerpt left incomplete by a crashed writer, a tampered state map).
 */
@Timeout(300)
class VerifierTest {
    static final int MESSAGES = 20_000;
    static final long SEED = 7;

    @TempDir
    static Path shared;
    static Path itch;
    static List<byte[]> messages;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() throws IOException {
        itch = shared.resolve("day.itch");
        new ItchDayGenerator(12, MESSAGES, SEED).writeBinaryFile(itch);
        byte[] file = Files.readAllBytes(itch);
        messages = new ArrayList<>();
        for (int p = 0; p + 2 <= file.length; ) {
            int len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
            messages.add(Arrays.copyOfRange(file, p + 2, p + 2 + len));
            p += 2 + len;
        }
        assertEquals(MESSAGES, messages.size());
    }

    /** A record's place, as the independent walker finds it. */
    record Place(Path file, long offset, long index, int length, byte kind) {
    }

    static List<Place> places(Path journal) {
        List<Place> places = new ArrayList<>();
        JournalWalker.walk(journal, new JournalWalker.Visitor() {
            @Override
            public void onRecord(Path file, long offset, long index, int length, ByteBuffer document) {
                places.add(new Place(file, offset, index, length, document.get(4)));
            }

            @Override
            public void onIncomplete(Path file, long offset, String why) {
            }
        });
        return places;
    }

    /** Journals the generated messages (sequence = ordinal from 1) except those {@code drop} names. */
    Path journal(String name, IntPredicate drop, boolean recordGaps, boolean sessionEnd) {
        Path dir = tmp.resolve(name);
        try (SingleChronicleQueue queue = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(queue, 3)) {
            w.appendSessionStart("file:day.itch", 1, 1);
            long missingFrom = -1;
            for (int i = 0; i < messages.size(); i++) {
                long sequence = i + 1;
                if (drop.test(i)) {
                    missingFrom = missingFrom < 0 ? sequence : missingFrom;
                    continue;
                }
                if (missingFrom > 0 && recordGaps) {
                    w.appendGap(missingFrom, sequence - missingFrom, 2);
                }
                missingFrom = -1;
                byte[] m = messages.get(i);
                w.appendMessage(m, 0, m.length, 3, sequence);
            }
            if (sessionEnd) {
                w.appendSessionEnd(4, messages.size());
            }
        }
        return dir;
    }

    static VerifyReport verify(Path journal) {
        return Verifier.run(new Verifier.Options(journal, null, null, null));
    }

    static void assertClean(VerifyReport r, Check... checks) {
        for (Check c : checks) {
            assertTrue(r.ran(c), c + " ran");
            assertEquals(0, r.problems(c), c + ": " + r.findings(c));
        }
    }

    @Test
    @DisplayName("a clean journal and its replay pass every check, with the replay's own digest")
    void cleanJournalPasses() throws IOException {
        Path journal = tmp.resolve("journal");
        Path state = tmp.resolve("state");
        assertEquals(0, TickjournalCommand.execute("import", "--itch", itch.toString(), "--journal", journal.toString()));
        assertEquals(0, TickjournalCommand.execute("replay", "--journal", journal.toString(), "--state", state.toString(),
                "--pin", "off"));

        VerifyReport r = Verifier.run(new Verifier.Options(journal, state, null, null));

        assertTrue(r.ok(), () -> print(r));
        assertClean(r, Check.INTEGRITY, Check.SEQUENCE, Check.READER, Check.CROSS_CHECK, Check.STATE);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(PersistedState.meta(state).getProperty("digest"), r.referenceDigest());
        String printed = print(r);
        assertTrue(printed.contains("20,002 records (20,000 messages"), printed);
        assertTrue(printed.contains("after each of 20,000 messages"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.equals("result       OK")), printed);
    }

    @Test
    @DisplayName("the bundled sample equals its golden files (data/golden), digest included")
    void bundledSampleMatchesGolden() {
        Path journal = tmp.resolve("sample");
        assertEquals(0, TickjournalCommand.execute("import", "--itch", "../data/sample/sample.itch.gz", "--journal",
                journal.toString()));
        VerifyReport r = Verifier.run(new Verifier.Options(journal, null, Path.of("../data/golden"), null));
        assertTrue(r.ok(), () -> print(r));
        assertClean(r, Check.INTEGRITY, Check.SEQUENCE, Check.READER, Check.CROSS_CHECK, Check.EXPECT);
        assertEquals(Golden.read(Path.of("../data/golden/digest.txt")).get(0).trim(), r.referenceDigest());
    }

    @Test
    @DisplayName("a byte flipped in a stored message is a checksum failure at that record's index and position")
    void flippedByteIsFound() throws IOException {
        Path journal = journal("flipped", i -> false, false, true);
        Place victim = places(journal).get(5_000);
        assertEquals('M', victim.kind());
        flip(victim.file(), victim.offset() + 4 + 28 + 7); // inside the ITCH timestamp

        VerifyReport r = verify(journal);

        assertFalse(r.ok());
        assertEquals(1, r.problems(Check.INTEGRITY), print(r));
        Finding f = r.findings(Check.INTEGRITY).get(0);
        assertEquals(victim.index(), f.index());
        assertEquals(victim.file(), f.file());
        assertEquals(victim.offset(), f.offset());
        assertTrue(f.text().startsWith("CRC32C stored"), f.text());
        // The production reader rejects it too, and both engines skip it alike.
        assertClean(r, Check.READER, Check.CROSS_CHECK, Check.SEQUENCE);
    }

    @Test
    @DisplayName("a wrong value injected into the fast engine's state is caught at the first message it is wrong after")
    void injectedStateMutationIsCaught() {
        Path journal = journal("mutant", i -> false, false, true);
        long[] firstMutated = {-1};
        String[] victim = {null};
        Verifier.FastEngineTap tap = new Verifier.FastEngineTap() {
            @Override
            public SymbolRow row(long index, SymbolRow row) {
                if (row.locate() != 5 || row.trades() < 3) {
                    return row; // from its third counted trade on, locate 5's volume is one share too many
                }
                if (firstMutated[0] < 0) {
                    firstMutated[0] = index;
                    victim[0] = row.symbol();
                }
                return new SymbolRow(row.symbol(), row.locate(), row.trades(), row.volume() + 1, row.notional(),
                        row.lastPrice(), row.bidPrice(), row.bidSize(), row.askPrice(), row.askSize());
            }
        };

        VerifyReport r = Verifier.run(new Verifier.Options(journal, null, null, null), tap);

        assertFalse(r.ok());
        assertTrue(firstMutated[0] > 0, "locate 5 traded");
        Finding first = r.findings(Check.CROSS_CHECK).get(0);
        assertEquals(firstMutated[0], first.index(), first.toString());
        assertEquals(victim[0], first.symbol());
        assertTrue(first.text().startsWith("first divergence: after ITCH"), first.text());
        assertTrue(first.text().contains("volume"), first.text());
        // One report of the symbol's first divergence, one of its state at the end: not one per message.
        assertEquals(2, r.problems(Check.CROSS_CHECK), print(r));
        assertTrue(r.findings(Check.CROSS_CHECK).get(1).text().startsWith("at the end of the journal"), print(r));
        assertClean(r, Check.INTEGRITY, Check.SEQUENCE, Check.READER);
        assertTrue(print(r).contains("symbol " + victim[0]), print(r));
    }

    @Test
    @DisplayName("a wrong bar from the fast engine is caught at the message that closed it")
    void injectedBarMutationIsCaught() {
        Path journal = journal("bar-mutant", i -> false, false, true);
        int[] bars = {0};
        long[] closedAt = {-1};
        String[] symbol = {null};
        Verifier.FastEngineTap tap = new Verifier.FastEngineTap() {
            @Override
            public BarRow bar(long index, BarRow b) {
                if (++bars[0] != 40) {
                    return b;
                }
                closedAt[0] = index;
                symbol[0] = b.symbol();
                return new BarRow(b.symbol(), b.locate(), b.windowStartNs(), b.trades(), b.volume(), b.notional(),
                        b.open(), b.high() + 100, b.low(), b.close());
            }
        };

        VerifyReport r = Verifier.run(new Verifier.Options(journal, null, null, null), tap);

        assertEquals(1, r.problems(Check.CROSS_CHECK), print(r));
        Finding f = r.findings(Check.CROSS_CHECK).get(0);
        assertEquals(closedAt[0], f.index());
        assertEquals(symbol[0], f.symbol());
        assertTrue(f.text().startsWith("bar 40 closed here differs"), f.text());
        assertTrue(f.text().contains("high"), f.text());
    }

    @Test
    @DisplayName("messages missing from the sequence with no gap record are a hole, named by sequence and index")
    void sequenceHoleIsFound() {
        Path journal = journal("hole", i -> i >= 6_000 && i < 6_003, false, true);
        Place after = places(journal).stream().filter(p -> p.kind() == 'M').skip(6_000).findFirst().orElseThrow();

        VerifyReport r = verify(journal);

        assertFalse(r.ok());
        assertEquals(1, r.problems(Check.SEQUENCE), print(r));
        Finding f = r.findings(Check.SEQUENCE).get(0);
        assertEquals(after.index(), f.index());
        assertEquals("hole (source 3): feed sequences 6001..6003 (3) are missing and no gap record says so", f.text());
        // The engines still agree on the journal as it is.
        assertClean(r, Check.INTEGRITY, Check.READER, Check.CROSS_CHECK);
    }

    @Test
    @DisplayName("a gap record is listed as a problem, and no hole is reported for the sequences it covers")
    void recordedGapIsListed() {
        Path journal = journal("gap", i -> i == 9_999, true, true);
        Place gap = places(journal).stream().filter(p -> p.kind() == 'G').findFirst().orElseThrow();

        VerifyReport r = verify(journal);

        assertEquals(1, r.problems(Check.SEQUENCE), print(r));
        Finding f = r.findings(Check.SEQUENCE).get(0);
        assertEquals(gap.index(), f.index());
        assertEquals("gap record (source 3): feed sequences 10000 were lost", f.text());
        assertClean(r, Check.INTEGRITY, Check.READER, Check.CROSS_CHECK);
    }

    @Test
    @DisplayName("a last excerpt left not-complete by a crashed writer is reported with its position, not fatal")
    void incompleteLastExcerptIsAWarning() throws IOException {
        Path journal = journal("crashed", i -> false, false, false);
        List<Place> places = places(journal);
        Place last = places.get(places.size() - 1);
        assertEquals('M', last.kind());
        try (RandomAccessFile f = new RandomAccessFile(last.file().toFile(), "rw")) {
            // What a writer that died mid-write leaves: the header still not complete, the content half there.
            f.seek(last.offset());
            f.writeInt(Integer.reverseBytes(JournalWalker.NOT_COMPLETE | last.length()));
            f.seek(last.offset() + 4 + 20);
            f.write(new byte[last.length() - 20]);
            // Chronicle moves the cycle header's write position (offset 64: the offset, then offset << 32 |
            // sequence) only once a document is complete: it still names the record before.
            Place before = places.get(places.size() - 2);
            f.seek(64);
            f.writeLong(Long.reverseBytes(before.offset()));
            f.writeLong(Long.reverseBytes(before.offset() << 32 | (before.index() & 0xFFFF_FFFFL)));
        }

        VerifyReport r = verify(journal);

        assertTrue(r.ok(), print(r));
        assertEquals(1, r.warnings().size());
        Finding w = r.warnings().get(0);
        assertEquals(last.file(), w.file());
        assertEquals(last.offset(), w.offset());
        assertTrue(w.text().contains("not-complete bit"), w.text());
        assertTrue(print(r).contains("warning      at " + last.file().getFileName() + " byte " + last.offset()), print(r));
        assertTrue(print(r).contains(String.format("%,d records (%,d messages", MESSAGES, MESSAGES - 1)), print(r));
    }

    @Test
    @DisplayName("a cycle file cut in the middle of its last excerpt is a problem reported with the position")
    void truncatedCycleFileIsAProblem() throws IOException {
        Path journal = journal("cut", i -> false, false, false);
        List<Place> places = places(journal);
        Place last = places.get(places.size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(last.file().toFile(), "rw")) {
            f.setLength(last.offset() + 4 + 10);
        }

        VerifyReport r = verify(journal);

        assertFalse(r.ok(), print(r));
        assertEquals(1, r.problems(Check.INTEGRITY), print(r));
        Finding w = r.findings(Check.INTEGRITY).get(0);
        assertEquals(last.offset(), w.offset());
        assertTrue(w.text().contains("runs past the end of the file"), w.text());
        assertTrue(print(r).contains(String.format("%,d records (%,d messages", MESSAGES, MESSAGES - 1)), print(r));
    }

    @Test
    @DisplayName("a state map record that is not what the journal gives is found with --state")
    void tamperedStateIsFound() throws IOException {
        Path journal = journal("tampered", i -> false, false, true);
        Path state = tmp.resolve("state");
        assertEquals(0, TickjournalCommand.execute("replay", "--journal", journal.toString(), "--state", state.toString(),
                "--pin", "off"));
        String symbol;
        try (StateStore store = StateDirectory.existing(state).openStore()) {
            SymbolStateRecord rec = new SymbolStateRecord();
            assertTrue(store.get(7, rec));
            rec.askSize += 100;
            store.put(rec);
            symbol = io.tickjournal.itch.Symbols.toString(rec.stock);
        }

        VerifyReport r = Verifier.run(new Verifier.Options(journal, state, null, null));

        assertFalse(r.ok());
        assertClean(r, Check.INTEGRITY, Check.SEQUENCE, Check.READER, Check.CROSS_CHECK);
        assertEquals(1, r.problems(Check.STATE), print(r));
        // state.properties still holds the replay's digest, which the reference engine reproduces.
        assertTrue(print(r).contains("state.properties digest equal"), print(r));
        Finding f = r.findings(Check.STATE).get(0);
        assertEquals(symbol, f.symbol());
        assertTrue(f.text().contains("ask_size"), f.text());
        assertNotEquals(-1, f.index());
    }

    @Test
    @DisplayName("bad usage and unreadable input are TickjournalExceptions with the reason")
    void badInputIsAClearError() throws IOException {
        TickjournalException missing = assertThrows(TickjournalException.class, () -> verify(tmp.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("nope: no such journal directory"), missing.getMessage());

        Path journal = journal("j", i -> i > 100, false, true);
        Path notCsv = Files.writeString(tmp.resolve("x.csv"), "a,b,c\n1,2,3\n");
        TickjournalException csv = assertThrows(TickjournalException.class,
                () -> Verifier.run(new Verifier.Options(journal, null, notCsv, null)));
        assertTrue(csv.getMessage().contains("not a vwap or bars CSV"), csv.getMessage());

        Path partial = Files.createDirectories(tmp.resolve("partial"));
        Files.createFile(partial.resolve(StateDirectory.MAP_FILE));
        Files.writeString(partial.resolve(StateDirectory.META_FILE), "range=from index 5 to end\nwindow_ms=100\n");
        TickjournalException part = assertThrows(TickjournalException.class,
                () -> Verifier.run(new Verifier.Options(journal, partial, null, null)));
        assertTrue(part.getMessage().contains("holds a replay of part of the journal (from index 5 to end)"), part.getMessage());

        Path otherWindow = Files.createDirectories(tmp.resolve("other-window"));
        Files.createFile(otherWindow.resolve(StateDirectory.MAP_FILE));
        Files.writeString(otherWindow.resolve(StateDirectory.META_FILE), "window_ms=250\n");
        TickjournalException window = assertThrows(TickjournalException.class,
                () -> Verifier.run(new Verifier.Options(journal, otherWindow, null, 100L)));
        assertTrue(window.getMessage().contains("was built with window_ms=250"), window.getMessage());

        TickjournalException noState = assertThrows(TickjournalException.class,
                () -> Verifier.run(new Verifier.Options(journal, tmp.resolve("nostate"), null, null)));
        assertTrue(noState.getMessage().contains("no such state directory"), noState.getMessage());
    }

    static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }

    static String print(VerifyReport r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        r.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
