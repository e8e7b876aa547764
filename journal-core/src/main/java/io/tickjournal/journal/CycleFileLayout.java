package io.tickjournal.journal;

/**
 * Chronicle Queue's framing of a cycle file, as {@code docs/journal-format.md} ("Reading a cycle
 * file") specifies it: a sequence of documents, each a 4-byte little-endian header word followed
 * by its content, every document starting on a 4-byte boundary.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-----------------------------------------------------------+-+-+
 *  |              content length (bits 0..29)                  |M|N|  0
 *  +-----------------------------------------------------------+-+-+
 *  |  content: a journal record (data) or Chronicle's own      |      4
 *  |  document (M = META_DATA: file header, indexes, padding)  |
 *  +-----------------------------------------------------------+
 *    N = NOT_COMPLETE: the writer is still writing this document
 *    0x00000000 = nothing written yet; 0xC0000000 = END_OF_CYCLE
 * </pre>
 */
final class CycleFileLayout {
    static final int HEADER_WORD_LENGTH = 4;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int META_DATA = 0x4000_0000;
    static final int NOT_COMPLETE = 0x8000_0000;
    /** Nothing written at this position yet: the end of what is written so far. */
    static final int NOTHING_WRITTEN = 0;
    /** The cycle is complete: continue with the next cycle file. */
    static final int END_OF_CYCLE = 0xC000_0000;
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private CycleFileLayout() {
    }

    /** Position of the document after the one at {@code position} whose content is {@code length} bytes. */
    static long nextDocument(long position, int length) {
        return (position + HEADER_WORD_LENGTH + length + 3) & ~3L;
    }
}
