package io.tickjournal.verify;

import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Flags a feed sequence journaled twice for one source in sessions of one name (a file imported
 * twice, an import resumed from the wrong place): one problem per run of repeated sequences, naming
 * the index the first of them was journaled at, and the count of repeated messages in the sequence
 * summary. A new session start of the same name does not excuse a repeat: it is the same message.
 */
final class DuplicateSequenceCheck {
    private final VerifyReport report;
    private final FeedSequences sequences = new FeedSequences();
    /** The repeat found at the previous message: {source, sequence, index}; a run goes on from it. */
    private long runSource = -1;
    private long runSequence;
    private long runIndex;

    DuplicateSequenceCheck(VerifyReport report) {
        this.report = report;
    }

    /** A session start record: the messages after it belong to sessions of its name. */
    void session(ByteBuffer doc) {
        sequences.session(doc.getInt(24) & 0xFFFF_FFFFL, FeedSequences.description(doc));
    }

    /** Checks one message record whose header and CRC32C the integrity check accepted. */
    void check(Path file, long offset, long index, ByteBuffer doc) {
        long source = doc.getInt(24) & 0xFFFF_FFFFL;
        long sequence = doc.getLong(16);
        long first = sequences.add(source, sequence, index);
        if (first < 0) {
            runSource = -1;
            return;
        }
        boolean sameRun = source == runSource && sequence == runSequence + 1 && index == runIndex + 1;
        runSource = source;
        runSequence = sequence;
        runIndex = index;
        if (!sameRun) {
            report.problem(new Finding(Check.SEQUENCE, index, file, offset, "", "feed sequence " + sequence
                    + " of source " + source + " journaled again (first at index " + first + ")"
                    + "; the records after it that repeat sequences are counted in the summary"));
        }
    }

    /** "; N messages repeat a journaled feed sequence" when there are any. */
    String summary() {
        long n = sequences.duplicates();
        return n == 0 ? "" : String.format("; %,d message%s repeat a feed sequence journaled before", n,
                n == 1 ? "" : "s");
    }
}
