package io.tickjournal.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The capture host's health rule: unhealthy when ingestion has stalled (no message journaled
 * for longer than the stall limit while the feed session is open) or when a tailer lags the
 * journal by more than the lag limit (in records). A feed that has ended its session, or has
 * not started one, is not a stall.
 *
 * <p>Evaluated on the HTTP server's thread at each request; the suppliers read counters that
 * the capture threads publish (volatile or atomic).
 */
public final class IngestionHealth {
    private final LongSupplier messagesJournaled;
    private final BooleanSupplier sessionOpen;
    private final LongSupplier lagRecords;
    private final LongSupplier nanoClock;
    private final long stallNanos;
    private final long maxLagRecords;

    private long lastCount = -1;
    private long lastChangeNanos;

    /**
     * @param stallNanos    longest quiet time of an open session before it counts as a stall
     * @param maxLagRecords largest tailer lag, in journal records, that is still healthy
     * @param nanoClock     {@code System::nanoTime}, or a test clock
     */
    public IngestionHealth(LongSupplier messagesJournaled, BooleanSupplier sessionOpen, LongSupplier lagRecords,
                           long stallNanos, long maxLagRecords, LongSupplier nanoClock) {
        if (stallNanos <= 0 || maxLagRecords < 0) {
            throw new IllegalArgumentException("stall limit must be positive and lag limit not negative");
        }
        this.messagesJournaled = messagesJournaled;
        this.sessionOpen = sessionOpen;
        this.lagRecords = lagRecords;
        this.stallNanos = stallNanos;
        this.maxLagRecords = maxLagRecords;
        this.nanoClock = nanoClock;
        this.lastChangeNanos = nanoClock.getAsLong();
    }

    /**
     * Unhealthy when the tailer lags more than the limit, or a session is open and nothing has been journaled for
     * longer than the stall time; healthy otherwise. Any thread.
     */
    public synchronized Health evaluate() {
        long now = nanoClock.getAsLong();
        long count = messagesJournaled.getAsLong();
        if (count != lastCount) {
            lastCount = count;
            lastChangeNanos = now;
        }
        long lag = lagRecords.getAsLong();
        if (lag > maxLagRecords) {
            return Health.unhealthy("tailer lag " + lag + " records exceeds the limit of " + maxLagRecords);
        }
        long quiet = now - lastChangeNanos;
        if (sessionOpen.getAsBoolean() && quiet > stallNanos) {
            return Health.unhealthy(String.format("ingestion stalled: no message journaled for %.1f s (limit %.1f s)",
                    quiet / 1e9, stallNanos / 1e9));
        }
        return Health.ok();
    }
}
