package io.tickjournal.replay;

import io.tickjournal.journal.JournalDamage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param records              journal records read (messages, gaps, session markers, bad ones)
 * @param messages             ITCH messages applied or counted as bad
 * @param seconds              wall time of the replay loop
 * @param allocatedBytesPerMessage bytes the replay thread allocated per message after warm-up, or -1 if unmeasured
 * @param workerCpuSeconds     CPU time of the (first) replay thread from its start to its end, or -1 if
 *                             unmeasured: on a shared machine a steadier measure of its work than the wall time
 * @param shards               replay threads, each owning a share of the symbols
 * @param range                what part of the journal was reported on ({@link ReplayRange})
 * @param pace                 {@link Pace}
 * @param cancelled            true when the replay was stopped (interrupt, Ctrl-C) before its end:
 *                             the state holds everything up to where it stopped, in whole windows
 * @param latency              per stage percentiles in ns ({@link StageLatency}); empty when not measured
 * @param resequencerWaits     times the bar resequencer waited for a shard (sharded replays)
 * @param unread               where the reader stopped before the written end of a cycle file (damage),
 *                             with the bytes left unread; empty when it read everything written
 */
public record ReplaySummary(Path journal, Path state, long windowMs, String pinning,
                            long records, long messages, double seconds, int symbols,
                            long countedTrades, long brokenTrades, long unknownBrokenTrades, long bars,
                            long checksumFailures, long malformedRecords, long unknownTypes, long badLengths,
                            long unknownOrderRefs, long duplicateOrderRefs, long gaps, String digest,
                            double allocatedBytesPerMessage, double workerCpuSeconds, int shards, String range,
                            String pace, boolean cancelled,
                            Map<String, StageLatency.Percentiles> latency, long resequencerWaits,
                            List<JournalDamage> unread) {

    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    /** True when the journal held anything the engine had to count as bad. */
    public boolean anomalies() {
        return checksumFailures + malformedRecords + unknownTypes + badLengths + unknownOrderRefs + duplicateOrderRefs
                + gaps > 0;
    }
}
