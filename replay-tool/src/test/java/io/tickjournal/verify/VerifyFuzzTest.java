package io.tickjournal.verify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.TickjournalException;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.DamagedJournal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harness for {@code verify}'s journal checks ({@link Verifier} without state or golden files)
 * over damaged copies of a journal of a small generated day ({@link DamagedJournal}).
 *
 * <p>What must hold: verify ends and throws nothing but a {@link TickjournalException} (the CLI's
 * exit 2); when it reports the journal OK, a replay's reader ({@link CycleFileReader}, checksums on)
 * hands over no record that was not written, in order. With {@code -Dtickjournal.fuzz.strictVerify=true}
 * it must also hand over every written record: the promise of issue 13 point 1 that no damaged
 * journal passes verify while a replay of it comes out short (off by default, as the test command runs it;
 * {@code src/scripts/fuzz --strict} turns it on).
 */
class VerifyFuzzTest {
    private static final boolean STRICT = Boolean.getBoolean("tickjournal.fuzz.strictVerify");
    private static List<String> written;

    @FuzzTest(maxDuration = "10s")
    void journalChecks(FuzzedDataProvider data) {
        DamagedJournal journal = DamagedJournal.get("verify-day", VerifyFuzzTest::importDay);
        if (written == null) {
            written = replay(journal.dir());
        }
        journal.damage(data);
        VerifyReport report;
        try {
            report = Verifier.run(new Verifier.Options(journal.dir(), null, null, null));
        } catch (TickjournalException e) {
            return; // unreadable input: one line, exit 2
        }
        if (!report.ok()) {
            return;
        }
        List<String> replayed;
        try {
            replayed = replay(journal.dir());
        } catch (TickjournalException e) {
            fail("verify said OK, a replay fails: " + e.getMessage());
            return;
        }
        int w = 0;
        for (String r : replayed) {
            while (w < written.size() && !written.get(w).equals(r)) {
                w++;
            }
            if (w++ == written.size()) {
                fail("verify said OK, a replay reads a record that was never written: " + r);
            }
        }
        if (STRICT) {
            assertEquals(written.size(), replayed.size(), "verify said OK, a replay reads another number of records");
        }
    }

    /** The journal's records as a replay reads them, each as one line of text. */
    private static List<String> replay(Path dir) {
        List<String> out = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        JournalRecordHandler h = new JournalRecordHandler() {
            @Override
            public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rx, long seq) {
                byte[] b = new byte[length];
                buffer.read(offset, b, 0, length);
                out.add("M " + seq + " " + rx + " " + hex.formatHex(b));
            }

            @Override
            public void onGap(long firstMissing, long count, long index) {
                out.add("G " + firstMissing + " " + count);
            }

            @Override
            public void onSessionStart(String description, long firstSequence, long index) {
                out.add("S " + firstSequence + " " + description);
            }

            @Override
            public void onSessionEnd(long lastSequence, long index) {
                out.add("E " + lastSequence);
            }
        };
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            int polls = 0;
            while (reader.poll(h, 1) > 0) {
                if (++polls > 10_000) {
                    fail("a replay still reading after 10,000 records of a 302-record journal");
                }
            }
        }
        return out;
    }

    /** A generated day of 300 messages over 5 symbols, imported as `tickjournal import` does. */
    private static void importDay(JournalWriter writer) {
        try {
            Path file = Files.createTempFile("fuzz-verify", ".itch");
            try {
                new ItchDayGenerator(5, 300, 11).writeBinaryFile(file);
                new BinaryFileIngestor().importFile(file, writer, null);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
