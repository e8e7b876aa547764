package io.tickjournal.journal;

/** Epoch nanoseconds from one wall-clock reading plus the monotonic clock: cheap, allocation-free. */
public final class EpochClock {
    /**
     * The process's one clock: receive times stamped by the ingestors and the tailer's
     * receive-to-map latency use the same base, so their difference is exact.
     */
    public static final EpochClock PROCESS = new EpochClock();

    private final long baseEpochNs;
    private final long baseNano;

    EpochClock() {
        java.time.Instant now = java.time.Instant.now();
        baseNano = System.nanoTime();
        baseEpochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Now, nanoseconds since 1970-01-01 UTC: the wall clock at construction advanced by {@link System#nanoTime()}
     * (monotonic).
     */
    public long nowNs() {
        return baseEpochNs + (System.nanoTime() - baseNano);
    }
}
