package io.tickjournal.journal;

import java.nio.file.Path;

/**
 * Where a sequential reader left a cycle file: the position of the header word it stopped at
 * (an end-of-cycle marker, a zero word, a document not complete, or the file's end). Checked by
 * {@link JournalCheck#checkStops} after a read to the end, so a reader that stopped before the
 * written end of a file is never taken for one that read it all.
 */
public record ReadStop(Path file, long position) {
}
