package io.tickjournal.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether a journal may be appended to: never behind an unreadable record. A record
 * appended after damage (a document marked not complete with records after it, a damaged header
 * word, a truncated cycle file, an inconsistent Chronicle header or index) would never be seen by
 * a reader, so the import and the capture ask here before they open Chronicle's appender, and
 * refuse (exit 1) with the reason. A writer's unfinished last document (a live tail) is not
 * damage: Chronicle's appender recovers it.
 *
 * <p>Stateless; costs one {@link JournalCheck#check} of the journal.
 */
public final class JournalAppendCheck {
    private JournalAppendCheck() {
    }

    /**
     * Why appending to the journal in {@code dir} must be refused, as one line naming the file,
     * the byte offset and the last good index; null when it may be appended to (including a
     * directory that does not exist yet or holds no cycle file).
     */
    public static String refusal(Path dir) {
        if (!Files.isDirectory(dir) || !Journal.hasCycleFiles(dir)) {
            return null;
        }
        JournalCheck.Result r = JournalCheck.check(dir);
        if (r.ok()) {
            return null;
        }
        return "refusing to append to a damaged journal (records written after the damage would never be read): "
                + r.damages().get(0) + (r.damages().size() > 1 ? " (and " + (r.damages().size() - 1) + " more; "
                + "see tickjournal verify)" : "");
    }
}
