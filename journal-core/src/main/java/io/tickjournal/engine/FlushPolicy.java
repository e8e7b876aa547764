package io.tickjournal.engine;

/**
 * When a {@link StatePipeline} that is behind the journal (capture's tailer catching up, a replay)
 * writes its changed symbols to the state map: every {@code intervalNs} of wall time or every
 * {@code maxMessages} messages, whichever comes first, but never sooner after a flush than
 * {@code costRatio} times that flush's own duration. {@link #standard} is the one setting capture
 * and replay both use.
 *
 * <p>The second rule keeps map writes to at most {@code 1 / (costRatio + 1)} of the worker's
 * time. It matters only while the map code is not compiled yet, in the first tenths of a second
 * of a JVM: a flush of 500 symbols then takes 20 to 50 ms, longer than the interval, and a
 * worker that flushed every 10 ms would do little else (on a 10M-message day, a fifth of the
 * first second went into flushes). Once compiled, a flush takes well under a millisecond and
 * the interval alone decides. Pure logic on the times it is given; thread-confined.
 */
public final class FlushPolicy {
    /** At most this many messages between two flushes while behind: 65,536. */
    public static final int MAX_MESSAGES = 1 << 16;
    /** At most this long between two flushes while behind: 10 ms, so live readers of the map lag by about that. */
    public static final long INTERVAL_NS = 10_000_000L;
    /**
     * A flush waits at least this many times its predecessor's duration after it, so map writes
     * take at most a tenth of the pipeline's time. 0 turns the rule off ({@code -Dtickjournal.flushCostRatio}).
     */
    public static final int COST_RATIO = Integer.getInteger("tickjournal.flushCostRatio", 9);

    private final long intervalNs;
    private final int maxMessages;
    private final int costRatio;
    private long lastFlushNs;
    private long costGapNs;

    /**
     * A policy with these limits, its first interval counted from {@code nowNs}.
     *
     * @throws IllegalArgumentException when the interval or the message count is not positive, or the ratio negative
     */
    public FlushPolicy(long intervalNs, int maxMessages, int costRatio, long nowNs) {
        if (intervalNs <= 0 || maxMessages <= 0 || costRatio < 0) {
            throw new IllegalArgumentException("interval and messages must be positive, the cost ratio not negative");
        }
        this.intervalNs = intervalNs;
        this.maxMessages = maxMessages;
        this.costRatio = costRatio;
        this.lastFlushNs = nowNs;
    }

    /** Whether a flush is due at {@code nowNs}, {@code messagesSince} messages after the last one. */
    public boolean due(long nowNs, int messagesSince) {
        long since = nowNs - lastFlushNs;
        return (messagesSince >= maxMessages || since >= intervalNs) && since >= costGapNs;
    }

    /** Records a flush that ran from {@code startNs} to {@code endNs}. */
    public void flushed(long startNs, long endNs) {
        lastFlushNs = endNs;
        costGapNs = (endNs - startNs) * costRatio;
    }

    /** The policy of capture and replay: {@link #INTERVAL_NS}, {@link #MAX_MESSAGES}, {@link #COST_RATIO}. */
    public static FlushPolicy standard(long nowNs) {
        return new FlushPolicy(INTERVAL_NS, MAX_MESSAGES, COST_RATIO, nowNs);
    }

    /** When the last flush ended (or the policy was made). */
    public long lastFlushNs() {
        return lastFlushNs;
    }
}
