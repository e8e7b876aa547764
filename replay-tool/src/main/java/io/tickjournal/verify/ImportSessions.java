package io.tickjournal.verify;

import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds imports that did not finish. An import writes a session start "file:NAME" and, when it
 * stops, a session end: with an empty payload when it read its input to the end, with the reason
 * when it stopped early on a damaged gzip stream (its messages are then unverified by the gzip
 * CRC32). Problems: a session end with a reason, and a "file:" session that another session start
 * of its source follows without an end between them (the importing process died), unless that
 * start resumes the same file after the last sequence journaled (a resumed import). The last
 * session of a journal without an end may be an import still running and is left to the
 * incomplete-tail checks. Live capture sessions ("mold:", "soup:") are ignored.
 *
 * <p>Single-threaded, fed record by record by {@link Verifier}.
 */
final class ImportSessions {
    /** An import session not yet ended. */
    private static final class Open {
        final String description;
        final long index;
        final Path file;
        final long offset;
        long messages;
        long firstSequence = -1;
        long lastSequence = -1;
        /** The sequence a resumed import of the same file would start at. */
        long next;

        Open(String description, long index, Path file, long offset, long firstSequence) {
            this.description = description;
            this.index = index;
            this.file = file;
            this.offset = offset;
            this.next = firstSequence;
        }

        String journaled() {
            return messages == 0 ? "no messages" : String.format("%,d messages (sequences %d..%d)", messages,
                    firstSequence, lastSequence);
        }
    }

    private final VerifyReport report;
    /** Per source id: its open import session. */
    private final Map<Long, Open> open = new TreeMap<>();

    ImportSessions(VerifyReport report) {
        this.report = report;
    }

    /** One record as {@link IntegrityCheck#check} judged it ({@code doc} and the rest as it saw them). */
    void onRecord(IntegrityCheck.Verdict verdict, ByteBuffer doc, int length, long index, Path file, long offset) {
        if (verdict == IntegrityCheck.Verdict.BAD || verdict == IntegrityCheck.Verdict.GAP
                || (verdict == IntegrityCheck.Verdict.MESSAGE && open.isEmpty())) {
            return; // the common case, a message outside any import session, costs nothing more
        }
        long source = doc.getInt(24) & 0xFFFF_FFFFL;
        if (verdict == IntegrityCheck.Verdict.SESSION_START) {
            String description = text(doc, length);
            Open died = open.get(source);
            if (died != null && died.description.equals(description) && doc.getLong(16) == died.next) {
                return; // a resumed import: the same file, going on after the last message journaled
            }
            open.remove(source);
            if (died != null) {
                report.problem(new Finding(Check.SEQUENCE, died.index, died.file, died.offset, "", "import "
                        + died.description + " has no session end before the next session start (index " + index
                        + "): it stopped before the end of its input; " + died.journaled() + " journaled in it"));
            }
            if (description.startsWith("file:")) {
                open.put(source, new Open(description, index, file, offset, doc.getLong(16)));
            }
        } else if (verdict == IntegrityCheck.Verdict.MESSAGE) {
            Open s = open.get(source);
            if (s != null) {
                long sequence = doc.getLong(16);
                s.firstSequence = s.messages++ == 0 ? sequence : s.firstSequence;
                s.lastSequence = sequence;
                s.next = sequence + 1;
            }
        } else {
            Open s = open.remove(source);
            if (s != null && length > 28) {
                report.problem(new Finding(Check.SEQUENCE, index, file, offset, "", "import " + s.description
                        + " (session start at index " + s.index + ") ended early, " + text(doc, length) + ": "
                        + s.journaled() + " journaled in it"));
            }
        }
    }

    private static String text(ByteBuffer doc, int length) {
        byte[] text = new byte[length - 28];
        doc.duplicate().position(28).get(text);
        return new String(text, StandardCharsets.US_ASCII);
    }
}
