package io.tickjournal.ingest;

/**
 * What an import journaled and what it found wrong with its input.
 *
 * @param messages         messages journaled (every complete length-prefixed message, good or not)
 * @param bytesRead        bytes of (decompressed) input consumed
 * @param unknownTypes     messages of a type ITCH 5.0 does not define (journaled verbatim, counted)
 * @param badLengths       messages whose length differs from their type's spec length (journaled, counted)
 * @param zeroLengths      zero length prefixes (nothing to journal; skipped, counted)
 * @param truncatedAt      byte offset of an incomplete final message or length prefix, or -1
 * @param truncatedMissing bytes missing from that incomplete tail, 0 if none
 * @param lastSequence     feed sequence (message ordinal, from 1) of the last journaled message
 */
public record ImportReport(long messages, long bytesRead, long unknownTypes, long badLengths, long zeroLengths,
                           long truncatedAt, int truncatedMissing, long lastSequence) {

    /** True when the input ended inside a length prefix or a message. */
    public boolean truncated() {
        return truncatedAt >= 0;
    }

    /** True when the input ended inside a 2-byte length prefix rather than inside a message. */
    public boolean truncatedInLengthPrefix() {
        return truncated() && bytesRead - truncatedAt < 2;
    }
}
