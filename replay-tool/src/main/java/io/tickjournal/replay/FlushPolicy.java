package io.tickjournal.replay;

/**
 * When a replay worker that is behind the journal writes its changed symbols to the state map:
 * every {@code intervalNs} of wall time or every {@code maxMessages} messages, whichever comes
 * first, but never sooner after a flush than {@code costRatio} times that flush's own duration.
 *
 * <p>The second rule keeps map writes to at most {@code 1 / (costRatio + 1)} of the worker's
 * time. It matters only while the map code is not compiled yet, in the first tenths of a second
 * of a JVM: a flush of 500 symbols then takes 20 to 50 ms, longer than the interval, and a
 * worker that flushed every 10 ms would do little else (on a 10M-message day, a fifth of the
 * first second went into flushes). Once compiled, a flush takes well under a millisecond and
 * the interval alone decides. Pure logic on the times it is given; thread-confined.
 */
final class FlushPolicy {
    private final long intervalNs;
    private final int maxMessages;
    private final int costRatio;
    private long lastFlushNs;
    private long costGapNs;

    FlushPolicy(long intervalNs, int maxMessages, int costRatio, long nowNs) {
        if (intervalNs <= 0 || maxMessages <= 0 || costRatio < 0) {
            throw new IllegalArgumentException("interval and messages must be positive, the cost ratio not negative");
        }
        this.intervalNs = intervalNs;
        this.maxMessages = maxMessages;
        this.costRatio = costRatio;
        this.lastFlushNs = nowNs;
    }

    /** Whether a flush is due at {@code nowNs}, {@code messagesSince} messages after the last one. */
    boolean due(long nowNs, int messagesSince) {
        long since = nowNs - lastFlushNs;
        return (messagesSince >= maxMessages || since >= intervalNs) && since >= costGapNs;
    }

    /** Records a flush that ran from {@code startNs} to {@code endNs}. */
    void flushed(long startNs, long endNs) {
        lastFlushNs = endNs;
        costGapNs = (endNs - startNs) * costRatio;
    }

    /** When the last flush ended (or the policy was made). */
    long lastFlushNs() {
        return lastFlushNs;
    }
}
