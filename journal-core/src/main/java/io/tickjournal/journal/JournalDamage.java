package io.tickjournal.journal;

import java.nio.file.Path;

/**
 * One place where a journal's files are damaged (or, as a warning, where a writer is still
 * writing): the file, the byte offset, the last record before it that reads well, and how many
 * bytes from the offset to the last byte that is not zero (what a reader stopping there would
 * leave unread).
 *
 * @param lastGoodIndex the journal index of the last good record before {@code offset}, or -1 when none
 * @param bytesAfter    bytes from {@code offset} to the last non-zero byte of the file, or 0 when unknown
 */
public record JournalDamage(Path file, long offset, long lastGoodIndex, long bytesAfter, String why) {

    /** One line: "FILE: byte N: why; last good index I[, B bytes from here on are not read]". */
    @Override
    public String toString() {
        return file + ": byte " + offset + ": " + detail();
    }

    /** The reason with the last good index and the bytes after: "why; last good index I[, ...]". */
    public String detail() {
        return why + "; last good index "
                + (lastGoodIndex < 0 ? "none (before the first record of this file)" : lastGoodIndex + " (cycle "
                + (lastGoodIndex >>> 32) + " #" + (lastGoodIndex & 0xFFFF_FFFFL) + ")")
                + (bytesAfter > 0 ? String.format(", %,d bytes from here to the last written byte", bytesAfter) : "");
    }
}
