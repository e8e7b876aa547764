package io.tickjournal.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The capture fuzz harnesses' oracle reads each input's records, all of them and only them: a drain right
 * after the journal is started (or rotated) must not stop before the cycle file the writer just created.
 */
class FuzzJournalTest {
    /** Fresh journals in a row, as the harnesses rotate them: the first ones pay for class loading. */
    private static final int JOURNALS = 5;

    @Test
    void aDrainRightAfterTheStartReadsEveryRecordOfThatInputOnly(@TempDir Path tmp) throws Exception {
        byte[] message = {'S', 0, 1};
        for (int i = 0; i < JOURNALS; i++) {
            FuzzJournal journal = new FuzzJournal(Files.createDirectory(tmp.resolve("journal" + i)));
            try {
                assertEquals("[]", journal.drain().toString(), "nothing written yet");
                // Written within the reader's 10 ms between directory listings once warm: the case
                // MoldUdp64FuzzTest found (the first input after a rotation read by the next input's drain).
                journal.writer().appendSessionStart("mold:FUZZFEED", 1, 1);
                journal.writer().appendMessage(message, 0, message.length, 1, 1);
                assertEquals("[S(1), M(1)]", journal.drain().toString(), "the first input's records, journal " + i);
                journal.writer().appendSessionStart("mold:OTHER", 2, 1);
                assertEquals("[S(1)]", journal.drain().toString(), "the next input's records only, journal " + i);
            } finally {
                journal.close();
            }
        }
    }
}
