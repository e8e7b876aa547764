package io.tickjournal.replay;

import java.nio.file.Path;

/**
 * What a replay did.
 *
 * @param records              journal records read (messages, gaps, session markers, bad ones)
 * @param messages             ITCH messages applied or counted as bad
 * @param seconds              wall time of the tailer loop
 * @param allocatedBytesPerMessage bytes the tailer thread allocated per message after warm-up, or -1 if unmeasured
 */
public record ReplaySummary(Path journal, Path state, long windowMs, String pinning,
                            long records, long messages, double seconds, int symbols,
                            long countedTrades, long brokenTrades, long unknownBrokenTrades, long bars,
                            long checksumFailures, long malformedRecords, long unknownTypes, long badLengths,
                            long unknownOrderRefs, long duplicateOrderRefs, long gaps, String digest,
                            double allocatedBytesPerMessage) {

    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    /** True when the journal held anything the engine had to count as bad. */
    public boolean anomalies() {
        return checksumFailures + malformedRecords + unknownTypes + badLengths + unknownOrderRefs + duplicateOrderRefs
                + gaps > 0;
    }
}
