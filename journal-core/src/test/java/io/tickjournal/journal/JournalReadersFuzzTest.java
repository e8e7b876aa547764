package io.tickjournal.journal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickjournal.TickjournalException;
import io.tickjournal.journal.JournalRecords.Rec;
import io.tickjournal.journal.JournalRecords.Recorder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz harnesses for both journal readers over damaged journals: {@link JournalReader} (Chronicle's
 * tailer) and {@link CycleFileReader} (the project's own cycle-file walk). Each input is a list of
 * damage operations applied to a copy of a small journal ({@link DamagedJournal}).
 *
 * <p>What must hold: the reader ends (a bounded number of polls), throws nothing but a
 * {@link TickjournalException}, and with checksums on never hands over a record that was not
 * written: the records it hands over are, in order, a subsequence of the undamaged journal's
 * (content compared: kind, feed sequence, receive time, payload). Whether a damaged journal is read
 * short is the integrity check's question ({@code verify}), not asked here.
 */
class JournalReadersFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void cycleFileReader(FuzzedDataProvider data) {
        DamagedJournal journal = DamagedJournal.get();
        journal.damage(data);
        // The smallest chunk: mapping (and prefaulting) 64 MB per input would cost more than the read,
        // and chunk boundaries get crossed.
        check(journal, dir -> new CycleFileReader(dir, Journal.DEFAULT_ROLL_CYCLE, true, CycleFileReader.OVERLAP_SIZE));
    }

    @FuzzTest(maxDuration = "10s")
    void tailer(FuzzedDataProvider data) {
        DamagedJournal journal = DamagedJournal.get();
        journal.damage(data);
        SingleChronicleQueue[] queue = new SingleChronicleQueue[1];
        try {
            check(journal, dir -> {
                // Chronicle waits 100 ms rather than 10 s for a header that is not ready (a damaged
                // one never is): the same outcome, sooner.
                queue[0] = Journal.openForRead(dir, 100);
                return new JournalReader(queue[0], true);
            });
        } finally {
            if (queue[0] != null) {
                queue[0].close();
            }
        }
    }

    private static void check(DamagedJournal journal, Function<java.nio.file.Path, RecordReader> open) {
        Recorder recorder = new Recorder();
        List<Rec> written = journal.records();
        // A reader that consumes more documents than the file can hold has looped.
        long maxPolls = 4L * written.size() + 64;
        try (RecordReader reader = open.apply(journal.dir())) {
            long polls = 0;
            while (reader.poll(recorder, 1) > 0) {
                if (++polls > maxPolls) {
                    fail("reader still reading after " + polls + " records of a " + written.size() + "-record journal");
                }
            }
        } catch (TickjournalException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says why");
        }
        assertSubsequence(written, recorder.seen);
    }

    /** {@code seen}, without their indexes, appear in {@code written} in the same order. */
    static void assertSubsequence(List<Rec> written, List<Rec> seen) {
        int w = 0;
        for (Rec r : seen) {
            while (w < written.size() && !sameContent(written.get(w), r)) {
                w++;
            }
            if (w == written.size()) {
                fail("a record that was never written, or out of order: " + r);
            }
            w++;
        }
    }

    private static boolean sameContent(Rec a, Rec b) {
        return a.kind() == b.kind() && a.sequence() == b.sequence() && a.receiveTimeNs() == b.receiveTimeNs()
                && a.payload().equals(b.payload());
    }
}
