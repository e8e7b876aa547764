package io.tickjournal.capture;

import io.tickjournal.journal.JournalRetention;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One pass of capture's retention (run by a {@link io.tickjournal.agent.PeriodicAgent} named "retention"):
 * only cycles before both the tailer's position and the newest checkpoint's (what a restart resumes from)
 * go, none before the first checkpoint, and the writer's directory listing is refreshed after a removal.
 * A failed pass is said and capture goes on; the next pass tries again. Runs on the retention thread only.
 */
final class RetentionJob implements Runnable {
    private final JournalRetention retention;
    private final SingleChronicleQueue queue;
    private final CaptureCounters counters;
    private final AtomicLong cyclesRemoved;
    private final AtomicLong bytesRemoved;
    private final Consumer<String> say;

    /** Passes of {@code retention} over {@code queue}'s cycle files, counting what they remove. */
    RetentionJob(JournalRetention retention, SingleChronicleQueue queue, CaptureCounters counters,
                 AtomicLong cyclesRemoved, AtomicLong bytesRemoved, Consumer<String> say) {
        this.retention = retention;
        this.queue = queue;
        this.counters = counters;
        this.cyclesRemoved = cyclesRemoved;
        this.bytesRemoved = bytesRemoved;
        this.say = say;
    }

    @Override
    public void run() {
        try {
            long index = Math.min(counters.tailerIndex.get(), counters.checkpointIndex.get());
            if (index < 0) {
                return; // no checkpoint yet: a restart would need every cycle
            }
            JournalRetention.Result r = retention.apply(index);
            if (!r.removed().isEmpty()) {
                queue.refreshDirectoryListing();
                CaptureCounters.add(cyclesRemoved, r.removed().size());
                CaptureCounters.add(bytesRemoved, r.bytesRemoved());
                say.accept("capture: retention removed " + r.removed() + " (" + r.bytesRemoved() + " bytes)");
            }
        } catch (RuntimeException e) {
            say.accept("capture: retention failed (capture goes on): " + e.getMessage());
        }
    }
}
