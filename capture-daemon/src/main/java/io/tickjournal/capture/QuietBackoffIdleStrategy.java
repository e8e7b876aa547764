package io.tickjournal.capture;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The capture's {@code backoff} idle strategy on machines without a core to spare: a few spins, then parks of
 * {@code parkNs} (50 us ingestor, 100 us tailer) while the feed has been quiet for less than {@link #QUIET_NS},
 * then parks doubling up to {@link #MAX_PARK_NS}. A live feed (a packet every few milliseconds or more often)
 * never leaves the short parks, so its latency is that of a fixed park; a feed quiet for longer (before the open,
 * between sessions, a test waiting for its feed) stops costing the 20,000 wake-ups a second of a 50 us park: on
 * 2 vCPUs an idle capture's two threads took 4.8 s of CPU in 20 s that way. The first packet after such a silence
 * waits at most 1 ms (plus the kernel's timer slack) in the socket's buffer.
 *
 * <p>Thread-confined: one instance per agent thread.
 */
final class QuietBackoffIdleStrategy implements IdleStrategy {
    /** Silence after which the parks start to grow: 20 ms, some 40 gaps of a 20,000 msg/s feed's packets. */
    static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The longest park: 1 ms. */
    static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int maxSpins;
    private final long parkNs;
    private int spins;
    private boolean idling;
    private long quietSinceNs;
    private long currentParkNs;

    /** Spins {@code maxSpins} times, then parks {@code parkNs}, growing after {@link #QUIET_NS} of silence. */
    QuietBackoffIdleStrategy(int maxSpins, long parkNs) {
        this.maxSpins = maxSpins;
        this.parkNs = parkNs;
        this.currentParkNs = parkNs;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (!idling) {
            idling = true;
            quietSinceNs = System.nanoTime();
        }
        if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
            return;
        }
        if (currentParkNs < MAX_PARK_NS && System.nanoTime() - quietSinceNs >= QUIET_NS) {
            currentParkNs = Math.min(MAX_PARK_NS, currentParkNs << 1);
        }
        LockSupport.parkNanos(currentParkNs);
    }

    @Override
    public void reset() {
        spins = 0;
        idling = false;
        currentParkNs = parkNs;
    }

    @Override
    public String alias() {
        return "quiet-backoff";
    }
}
