package io.tickjournal.verify;

import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verify} on imports that did not finish: the sessions an importer leaves behind. */
class ImportSessionsTest {
    @TempDir
    Path tmp;

    private static void messages(JournalWriter w, int from, int count) {
        byte[] m = new byte[12];
        m[0] = 'S';
        m[11] = 'O';
        for (int s = from; s < from + count; s++) {
            w.appendMessage(m, 0, m.length, 1, s);
        }
    }

    @Test
    @DisplayName("an import that died (another session follows without its end) and one ended early are problems")
    void unfinishedImportsAreProblems() {
        Path journal = tmp.resolve("journal");
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            w.appendSessionStart("file:died.itch", 1, 1);
            messages(w, 1, 5);
            w.appendSessionStart("file:cut.itch.gz", 1, 1);
            messages(w, 1, 3);
            w.appendSessionEnd(1, 3, "unverified: corrupt or truncated gzip stream (Corrupt GZIP trailer)");
            w.appendSessionStart("file:whole.itch", 1, 1);
            messages(w, 1, 2);
            w.appendSessionStart("file:whole.itch", 1, 3); // resumed after sequence 2: no problem
            messages(w, 3, 2);
            w.appendSessionEnd(1, 4);
            w.appendSessionStart("mold:LIVE", 1, 1); // a capture session never ended: not an import, no problem
            messages(w, 1, 2);
            w.appendSessionStart("mold:LIVE", 1, 3);
        }
        VerifyReport r = Verifier.run(new Verifier.Options(journal, null, null, null));
        List<String> texts = r.findings(Check.SEQUENCE).stream().map(Finding::text).toList();
        assertEquals(2, texts.size(), texts.toString());
        assertTrue(texts.get(0).startsWith("import file:died.itch has no session end before the next session start "
                + "(index "), texts.get(0));
        assertTrue(texts.get(0).endsWith("5 messages (sequences 1..5) journaled in it"), texts.get(0));
        assertTrue(texts.get(1).contains("file:cut.itch.gz (session start at index ")
                && texts.get(1).endsWith("ended early, unverified: corrupt or truncated gzip stream "
                + "(Corrupt GZIP trailer): "
                + "3 messages (sequences 1..3) journaled in it"), texts.get(1));
        assertEquals(2, r.problems(Check.SEQUENCE));
    }
}
