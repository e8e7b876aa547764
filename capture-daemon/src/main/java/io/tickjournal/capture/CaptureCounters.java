package io.tickjournal.capture;

import io.tickjournal.metrics.LatencyRecorder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a capture has done, for the status line and metrics. Each counter has one writing thread
 * (the ingestor, or the tailer for the {@code tailer*} ones), which updates it with
 * {@link #add}: an ordered store, no locked instruction; any thread may read it.
 */
public final class CaptureCounters {
    /** ITCH messages appended to the journal (M records) by this process. */
    public final AtomicLong messagesJournaled = new AtomicLong();
    /** Bytes of ITCH payload appended. */
    public final AtomicLong bytesJournaled = new AtomicLong();
    /** Times ingestion paused because the journal's file system was short of space ({@link IngestSpace}). */
    public final AtomicLong diskFullStops = new AtomicLong();
    /** Journal records of every kind appended by this process. */
    public final AtomicLong recordsJournaled = new AtomicLong();
    /** Datagrams (MoldUDP64) or packets (SoupBinTCP) received, good or bad. */
    public final AtomicLong packets = new AtomicLong();
    /** Messages received again for sequences already journaled (dropped). */
    public final AtomicLong duplicates = new AtomicLong();
    /** Gaps in the feed sequence noticed. */
    public final AtomicLong gapsDetected = new AtomicLong();
    /** Gaps filled completely by retransmissions. */
    public final AtomicLong gapsRecovered = new AtomicLong();
    /** Gaps given up on and written to the journal as gap records. */
    public final AtomicLong gapsUnrecovered = new AtomicLong();
    /** Feed sequences covered by gap records. */
    public final AtomicLong sequencesLost = new AtomicLong();
    /** Re-request packets sent (MoldUDP64) and logins with a requested sequence (SoupBinTCP). */
    public final AtomicLong reRequests = new AtomicLong();
    /** Downstream packets received out of order while a gap was open, dropped (their messages are re-requested). */
    public final AtomicLong outOfOrderPackets = new AtomicLong();
    /** Packets shorter than the protocol header. */
    public final AtomicLong malformedShortHeader = new AtomicLong();
    /** Packets whose message lengths run past the packet, are zero, or leave bytes over. */
    public final AtomicLong malformedLength = new AtomicLong();
    /** Packets of another session than the one being captured. */
    public final AtomicLong malformedWrongSession = new AtomicLong();
    /** Packets with an impossible sequence (0, or a jump past the configured maximum gap). */
    public final AtomicLong malformedSequence = new AtomicLong();
    /** SoupBinTCP protocol violations (unknown packet type, bad login reply). */
    public final AtomicLong malformedProtocol = new AtomicLong();
    /** Connections (SoupBinTCP) made, including reconnects. */
    public final AtomicLong connections = new AtomicLong();
    /** End-of-session packets seen for the whole session (journaled once). */
    public final AtomicLong endsOfSession = new AtomicLong();
    /** Receive time (epoch ns) of the last packet that journaled something; 0 before the first. */
    public final AtomicLong lastJournaledNs = new AtomicLong();
    /** Receive-to-journal latency, ns: packet receive to its message appended (the ingestor; 1 message in 64). */
    public final LatencyRecorder receiveToJournal = new LatencyRecorder();
    /** The tailer's lag in ITCH event time ({@link #tailerLagEventNs}), ns, sampled by the tailer after each batch. */
    public final LatencyRecorder tailerLagTime = new LatencyRecorder();

    /** ITCH timestamp (ns since midnight) of the last message journaled; -1 before the first. */
    public final AtomicLong ingestEventTimeNs = new AtomicLong(-1);
    /** ITCH timestamp of the last message the tailer applied; -1 before the first. */
    public final AtomicLong tailerEventTimeNs = new AtomicLong(-1);

    /** Journal records the tailer has consumed (including those replayed at start-up). */
    public final AtomicLong tailerRecords = new AtomicLong();
    /** Journal index of the last record the tailer consumed, -1 before the first. */
    public final AtomicLong tailerIndex = new AtomicLong(-1);
    /** Journal index of the last record the newest checkpoint covers; -1 before there is one. */
    public final AtomicLong checkpointIndex = new AtomicLong(-1);
    /** Checkpoints written by this process. */
    public final AtomicLong checkpoints = new AtomicLong();
    /** Checkpoints that could not be written (capture went on). */
    public final AtomicLong checkpointFailures = new AtomicLong();
    /** How long the last checkpoint took to write (map flush, engine state, fsync), ns. */
    public final AtomicLong checkpointNanos = new AtomicLong();
    /** Size of the last checkpoint written, bytes. */
    public final AtomicLong checkpointBytes = new AtomicLong();
    /** Journal records present when this process started (so lag = startRecords + recordsJournaled - tailerRecords). */
    public final AtomicLong startRecords = new AtomicLong();

    /** Single-writer increment: an ordered store without a locked instruction. */
    public static void add(AtomicLong counter, long n) {
        counter.lazySet(counter.get() + n);
    }

    /** All malformed packets, of every kind. */
    public long malformed() {
        return malformedShortHeader.get() + malformedLength.get() + malformedWrongSession.get()
                + malformedSequence.get() + malformedProtocol.get();
    }

    /**
     * How far the tailer's event time is behind the last journaled message's, in ns; 0 when it has
     * caught up or before both have seen a message.
     */
    public long tailerLagEventNs() {
        long ingested = ingestEventTimeNs.get();
        long applied = tailerEventTimeNs.get();
        return ingested < 0 || applied < 0 ? 0 : Math.max(0, ingested - applied);
    }

    /** Journal records not yet applied by the tailer. */
    public long tailerLag() {
        return Math.max(0, startRecords.get() + recordsJournaled.get() - tailerRecords.get());
    }
}
