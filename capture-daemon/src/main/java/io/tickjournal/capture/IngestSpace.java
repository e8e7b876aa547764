package io.tickjournal.capture;

import io.tickjournal.storage.SpaceGuard;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The capture ingestor's free-space check: before each round of work the journal's file system
 * must have room for the bytes journaled since the last check plus {@link SpaceGuard}'s headroom.
 * When it has not, ingestion pauses (nothing is read from the feed, so nothing is appended, and no
 * record can be torn), the one-line reason goes to the log, {@code /healthz} turns unhealthy and
 * {@code tickjournal_disk_full_stops} counts it; every {@link #RECHECK_NS} the space is asked
 * again, and once there is room ingestion goes on: the sequencer notices the missed sequences and
 * asks for them (MoldUDP64 re-request; a SoupBinTCP session dropped meanwhile logs in again at the
 * next sequence), so nothing is lost.
 *
 * <p>Thread: {@link #room()} on the ingestor thread only; {@link #full()} from any thread.
 */
final class IngestSpace {
    /** How often a paused ingestor asks for free space: 100 ms, a statvfs call each. */
    static final long RECHECK_NS = 100_000_000L;
    /** Journal bytes of a record beyond its ITCH payload: the 28-byte header and Chronicle's 4-byte length word. */
    private static final int RECORD_OVERHEAD = 32;

    private final SpaceGuard guard;
    private final CaptureCounters counters;
    private final LongSupplier lastSequence;
    private final Consumer<String> say;
    private long accounted;
    private long nextCheckNs;
    private volatile String full;

    IngestSpace(Path journal, CaptureCounters counters, LongSupplier lastSequence, Consumer<String> say) {
        this.guard = new SpaceGuard(journal);
        this.counters = counters;
        this.lastSequence = lastSequence;
        this.say = say;
    }

    /** True when the ingestor may work; false while the journal's file system is short of space. */
    boolean room() {
        if (full == null) {
            long bytes = counters.bytesJournaled.get() + RECORD_OVERHEAD * counters.recordsJournaled.get();
            long delta = bytes - accounted;
            accounted = bytes;
            if (guard.reserve(delta)) {
                return true;
            }
            full = guard.noSpace(counters.messagesJournaled.get(), lastSequence.getAsLong());
            counters.diskFullStops.incrementAndGet();
            say.accept("tickjournal: error: " + full + "; ingestion paused until space is freed");
            nextCheckNs = System.nanoTime() + RECHECK_NS;
            return false;
        }
        long now = System.nanoTime();
        if (now < nextCheckNs) {
            return false;
        }
        nextCheckNs = now + RECHECK_NS;
        if (!guard.check()) {
            return false;
        }
        full = null;
        say.accept("capture: space on " + guard.dir() + " again (" + guard.free() + " bytes free): ingesting; "
                + "the feed is asked for what was missed");
        return true;
    }

    /** The no-space line while ingestion is paused for space, else null. */
    String full() {
        return full;
    }
}
