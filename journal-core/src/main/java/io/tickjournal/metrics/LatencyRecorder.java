package io.tickjournal.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A latency distribution written by one hot-path thread and read by a scrape: an HdrHistogram
 * {@link SingleWriterRecorder} (a record is a few array increments, wait-free, no allocation)
 * folded into a running total when {@link #total()} is called. Exported as a Prometheus histogram
 * by {@link MetricsServer.Builder#histogram}.
 *
 * <p>Values are nanoseconds, clamped to 0 .. 60 s; 2 significant digits (1 % resolution is far
 * finer than the histogram's buckets, and keeps the recorder at about 30 KB).
 */
public final class LatencyRecorder {
    /** Largest value kept apart (ns): 60 s; anything longer is counted as 60 s. */
    public static final long HIGHEST_NS = 60_000_000_000L;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_NS, 2);
    private final Histogram total = new Histogram(HIGHEST_NS, 2);
    private Histogram interval;

    /** Records one value in ns. Only one thread may call this (the recorder's single writer). */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NS)));
    }

    /** Every value recorded so far, as a copy (any thread; allocates, for scrapes only). */
    public synchronized Histogram total() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }
}
