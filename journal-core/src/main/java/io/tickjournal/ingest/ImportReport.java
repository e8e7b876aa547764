package io.tickjournal.ingest;

/**
 * What an import journaled and what it found wrong with its input.
 *
 * @param messages         messages journaled (every complete message framed, good or not)
 * @param bytesRead        bytes of (decompressed) input consumed
 * @param unknownTypes     messages of a type ITCH 5.0 does not define (journaled verbatim, counted; lenient only)
 * @param badLengths       messages whose length differs from their type's spec length (journaled, counted;
 *                         lenient only)
 * @param zeroLengths      zero length prefixes skipped (lenient, length-prefixed files only)
 * @param truncatedAt      byte offset of an incomplete final message or length prefix, or -1
 * @param truncatedMissing bytes missing from that incomplete tail, 0 if none
 * @param lastSequence     feed sequence (message ordinal, from 1) of the last journaled message
 * @param framing          how the file frames its messages
 * @param desyncAt         byte offset of the length prefix where a strict import stopped because the
 *                         framing no longer held (0 for a file that is no BinaryFILE at all), or -1
 * @param desync           what was found there, or null
 * @param gzipDamage       the gzip inflater's complaint when the compressed stream is corrupt or cut
 *                         short, or null: every message journaled is then unverified by the gzip CRC32
 */
public record ImportReport(long messages, long bytesRead, long unknownTypes, long badLengths, long zeroLengths,
                           long truncatedAt, int truncatedMissing, long lastSequence, Framing framing,
                           long desyncAt, String desync, String gzipDamage) {

    /** True when the input ended inside a length prefix or a message. */
    public boolean truncated() {
        return truncatedAt >= 0;
    }

    /** True when the input ended inside a 2-byte length prefix rather than inside a message. */
    public boolean truncatedInLengthPrefix() {
        return truncated() && bytesRead - truncatedAt < 2;
    }

    /** True when a strict import stopped at a message its framing cannot account for. */
    public boolean desynchronised() {
        return desyncAt >= 0;
    }

    /** True when the gzip stream was corrupt or cut short: the import ended early, unverified. */
    public boolean gzipDamaged() {
        return gzipDamage != null;
    }

    /**
     * The payload of the import's session end record: why its messages are unverified (a damaged
     * gzip stream), which {@code verify} reports; null for a clean end.
     */
    public String sessionEndReason() {
        return gzipDamaged() ? "unverified: corrupt or truncated gzip stream (" + gzipDamage + ")" : null;
    }

    /**
     * What ended the framing before the end of the input (gzip damage, lost framing, no BinaryFILE
     * at all), as a phrase without the file name, or null when it read to the end. For readers that
     * journal nothing, such as the feed.
     */
    public String inputProblem() {
        if (gzipDamaged()) {
            return String.format("corrupt or truncated gzip stream (%s) after %,d decompressed bytes", gzipDamage,
                    bytesRead);
        }
        if (desyncAt == 0 && messages == 0) {
            return desync;
        }
        return desynchronised() ? "framing lost at byte " + desyncAt + ": " + desync : null;
    }

    /**
     * Why the import stopped before the end of its input, as one line for the user (without the
     * file name), or null when it read to the end (a truncated tail is reported apart).
     */
    public String stopReason() {
        if (gzipDamaged()) {
            return inputProblem() + String.format(": the %,d messages journaled from it (sequences 1..%d) are "
                    + "unverified by the stream's CRC32; the session end record says so, and verify reports it",
                    messages, lastSequence);
        }
        if (desynchronised() && messages > 0) {
            return inputProblem() + String.format("; the %,d messages before it are journaled "
                    + "(--lenient journals and counts such messages instead)", messages);
        }
        return inputProblem();
    }
}
