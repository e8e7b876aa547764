package io.tickjournal.capture;

import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.nio.file.Path;

/**
 * Where a capture resumes: the feed session last journaled and the next feed sequence it expects,
 * found by reading the journal to its end. Session starts ("mold:NAME", "soup:NAME") set the
 * session and its first sequence; messages and gaps move the next sequence past them; a session
 * end marks the session finished.
 *
 * @param records  journal records of every kind present
 * @param session  the last session's name (without the "mold:"/"soup:" prefix), or null for none
 * @param next     next feed sequence expected in that session (1 for a new session)
 * @param ended    whether that session's end is journaled
 */
public record JournalResume(long records, String session, long next, boolean ended) {
    /** A journal with nothing in it. */
    public static final JournalResume EMPTY = new JournalResume(0, null, 1, false);

    /** Reads {@code dir} to the end of what is written; an empty or missing journal gives {@link #EMPTY}. */
    public static JournalResume scan(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir) || !Journal.hasCycleFiles(dir)) {
            return EMPTY;
        }
        Scanner s = new Scanner();
        try (CycleFileReader reader = new CycleFileReader(dir, true)) {
            while (reader.poll(s, 1 << 16) > 0) {
                // to the end
            }
            return new JournalResume(reader.records(), s.session, s.next, s.ended);
        }
    }

    /** The name in a session description "mold:NAME" / "soup:NAME"; the whole text otherwise. */
    public static String sessionName(String description) {
        int colon = description.indexOf(':');
        return colon < 0 ? description : description.substring(colon + 1);
    }

    private static final class Scanner implements JournalRecordHandler {
        String session;
        long next = 1;
        boolean ended;

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                              long sequence) {
            next = sequence + 1;
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            next = firstMissing + count;
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            session = description.startsWith("file:") ? null : sessionName(description);
            next = firstSequence;
            ended = false;
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            next = lastSequence + 1;
            ended = true;
        }
    }
}
