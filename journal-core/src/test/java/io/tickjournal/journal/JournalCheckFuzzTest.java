package io.tickjournal.journal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalRecords.Rec;
import io.tickjournal.journal.JournalRecords.Recorder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harness for the structural check ({@link JournalCheck}, {@link CycleFileCheck},
 * {@link TableStoreCheck}) against the replay's reader ({@link CycleFileReader}), on a three-cycle
 * journal whose files each input mutates ({@link MutableJournal}).
 *
 * <p>What must hold (docs/reliability.md, "{@code verify} exit 0 promises" 1 and 2): the check
 * throws nothing, whatever the bytes; the reader throws nothing but a {@link TickjournalException}
 * and ends; it never hands over a record that was not written. When the check finds no damage:
 * the reader consumes exactly the records the check counted, every record it hands over (checksum
 * verified) is the undamaged journal's record at that journal index, every record it does not hand
 * over is counted (checksum failure or malformed), and where it stopped in each cycle file is the
 * written end ({@link JournalCheck#checkStops} finds nothing): no silent short read. And when the
 * check also gives no warning while every cycle file is still there, whole, with its header's
 * write position and sequence untouched, it counted every record written.
 */
class JournalCheckFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void structure(FuzzedDataProvider data) {
        MutableJournal journal = MutableJournal.get();
        journal.mutate(data);
        JournalCheck.Result check = JournalCheck.check(journal.dir());

        Recorder recorder = new Recorder();
        List<ReadStop> stops = null;
        long consumed = 0;
        long counted = 0;
        // A reader that consumes more documents than the files can hold has looped.
        long maxPolls = 4L * journal.records().size() + 64;
        try (CycleFileReader reader = new CycleFileReader(journal.dir(), Journal.DEFAULT_ROLL_CYCLE, true,
                CycleFileReader.OVERLAP_SIZE)) {
            long polls = 0;
            while (reader.poll(recorder, 1) > 0) {
                if (++polls > maxPolls) {
                    fail("reader still reading after " + polls + " records of a " + journal.records().size()
                            + "-record journal");
                }
            }
            consumed = reader.records();
            counted = reader.checksumFailures() + reader.malformedRecords();
            stops = reader.stops();
        } catch (TickjournalException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says why");
            assertTrue(!check.ok(), "the check found no damage, yet the reader failed: " + e.getMessage());
        }
        JournalReadersFuzzTest.assertSubsequence(journal.records(), recorder.seen);
        if (!check.ok()) {
            return;
        }
        if (check.warnings().isEmpty() && journal.cycleHeadersIntact()) {
            assertEquals(journal.records().size(), check.records(), "records written vs the check counted");
        }
        assertEquals(check.records(), consumed, "records the reader consumed vs the check counted");
        assertEquals(consumed, recorder.seen.size() + counted, "every record handed over or counted");
        for (Rec r : recorder.seen) {
            assertEquals(journal.record(r.index()), r, "the record at index " + r.index());
        }
        assertEquals(List.of(), JournalCheck.checkStops(journal.dir(), stops), "where the reader stopped");
    }
}
