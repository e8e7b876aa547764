package io.tickjournal.cli;

import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.storage.NoSpaceException;
import io.tickjournal.storage.SpaceGuard;

import java.nio.file.Path;

/**
 * One import of a BinaryFILE into a journal that may already hold part of it: the messages whose
 * feed sequence (message number in the file) is at or below {@code resumeAfter} are skipped, the
 * rest journaled as a session "file:NAME" starting at the first of them. Before each append the
 * {@link SpaceGuard} must find room; when it does not, the import stops with a
 * {@link NoSpaceException} whose line says how far it got (a later import resumes from there).
 *
 * <p>Single-threaded; the caller holds the journal's {@link io.tickjournal.storage.OwnerLock}.
 */
final class ResumableImport implements BinaryFileIngestor.MessageSink {
    /** Journal bytes per message beyond its ITCH bytes: the 28-byte record header and Chronicle's 4-byte header. */
    private static final int OVERHEAD = 32;

    private final Path file;
    private final BinaryFileIngestor ingestor;
    private final JournalWriter writer;
    private final SpaceGuard guard;
    private final long resumeAfter;
    private final BinaryFileIngestor.Progress progress;
    private long skipped;
    private long appended;
    private long last;
    private long nextProgress = BinaryFileIngestor.PROGRESS_INTERVAL;

    ResumableImport(Path file, boolean lenient, JournalWriter writer, SpaceGuard guard, long resumeAfter,
                    BinaryFileIngestor.Progress progress) {
        this.file = file;
        this.ingestor = new BinaryFileIngestor(lenient);
        this.writer = writer;
        this.guard = guard;
        this.resumeAfter = resumeAfter;
        this.progress = progress;
        this.last = resumeAfter;
    }

    /** Frames the whole file into the journal; returns the framing report (messages counts the file's). */
    ImportReport run() {
        ImportReport r = ingestor.frameFile(file, this);
        if (appended > 0) {
            room(OVERHEAD + 255);
            writer.appendSessionEnd(EpochClock.PROCESS.nowNs(), last, r.sessionEndReason());
        }
        return r;
    }

    @Override
    public void onMessage(byte[] buffer, int offset, int length, long sequence) {
        if (sequence <= resumeAfter) {
            skipped++;
            return;
        }
        if (appended == 0) {
            room(OVERHEAD + 255);
            writer.appendSessionStart(session(file), ingestor.readTimeNs(), sequence);
        }
        room(OVERHEAD + length);
        writer.appendMessage(buffer, offset, length, ingestor.readTimeNs(), sequence);
        appended++;
        last = sequence;
        if (sequence == nextProgress) {
            progress.onProgress(sequence, 0);
            nextProgress += BinaryFileIngestor.PROGRESS_INTERVAL;
        }
    }

    private void room(int bytes) {
        if (!guard.reserve(bytes)) {
            throw new NoSpaceException(guard.noSpace(appended, last));
        }
    }

    /** The session an import of {@code file} journals: "file:NAME" (what a later import resumes by). */
    static String session(Path file) {
        return "file:" + file.getFileName();
    }

    /** Messages of the file skipped: journaled by an earlier import. */
    long skipped() {
        return skipped;
    }

    /** Messages journaled by this import. */
    long appended() {
        return appended;
    }

    /** The last feed sequence journaled for the source (by this import or an earlier one). */
    long last() {
        return last;
    }
}
