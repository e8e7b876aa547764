package io.tickjournal.replay;

/**
 * The stalls in a sequence of per-message latencies, in the messages' order: a stall is a run of
 * consecutive messages each over {@link #thresholdNs}, and its length is the largest latency in the
 * run (the first message held up waits about the whole stall; those behind it less). Their sum over
 * the measured seconds is what a latency percentile budgets: at 100,000 msg/s a p99 of 10 us leaves
 * room for about 10 ms of stalls a second (1 % of the messages), a p99.9 of 100 us for about 1 ms of
 * stalls beyond 100 us. Allocation-free; one thread.
 */
public final class Stalls {
    private final long thresholdNs;
    private long open;
    private long count;
    private long sumNs;
    private long longestNs;

    /** Counts runs of latencies over {@code thresholdNs}. */
    public Stalls(long thresholdNs) {
        this.thresholdNs = thresholdNs;
    }

    /** The next message's latency. */
    public void record(long latencyNs) {
        if (latencyNs > thresholdNs) {
            open = Math.max(open, latencyNs);
        } else {
            end();
        }
    }

    /** Ends a stall in progress (at the end of the sequence). */
    public void end() {
        if (open > 0) {
            count++;
            sumNs += open;
            longestNs = Math.max(longestNs, open);
            open = 0;
        }
    }

    public long thresholdNs() {
        return thresholdNs;
    }

    /** Stalls ended so far. */
    public long count() {
        return count;
    }

    /** Their lengths added up, ns. */
    public long sumNs() {
        return sumNs;
    }

    /** The longest, ns; 0 when none. */
    public long longestNs() {
        return longestNs;
    }
}
