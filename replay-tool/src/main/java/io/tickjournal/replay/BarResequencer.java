package io.tickjournal.replay;

import io.tickjournal.state.BarWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Merges the bar streams of sharded replay workers into the one bar stream order of
 * docs/architecture.md: by window start, then by stock locate.
 *
 * <p>Each shard applies the messages of its own locates but advances the bar window on every
 * message, so all shards close the same windows in the same order, each emitting its bars for a
 * window in locate order and then a window-closed marker. The resequencer waits until every
 * shard has closed the current window, merges the shards' bars of that window by locate (k-way,
 * the locate sets are disjoint) and writes them to the bars queue. The bar stream is therefore
 * identical to a single engine's, whatever the number of shards.
 *
 * <p>Between each shard and the resequencer is a bounded single-producer single-consumer ring
 * buffer (a {@link RingProducer} into an Agrona {@link OneToOneRingBuffer}): a shard whose ring is
 * full waits until the resequencer has made room; nothing is ever dropped. Cancellation (the
 * supplier) ends the waits on both sides. The resequencer is an Agrona agent
 * ({@link #doWork}) on a thread of its own.
 */
final class BarResequencer implements Agent {
    /** Ring capacity per shard: about 13,000 bars. */
    static final int RING_BYTES = 1 << 20;

    private static final int BAR = 1;
    private static final int WINDOW_CLOSED = 2;
    private static final int FINISHED = 3;
    private static final int BAR_LENGTH = 80;
    private static final int FIELDS = 10;

    private final OneToOneRingBuffer[] rings;
    private final BarWriter writer;
    private final BooleanSupplier cancelled;
    private final long[][] staged;
    private final int[] stagedCount;
    private final boolean[] windowDone;
    private final long[] windowStart;
    private final boolean[] finished;
    private final int[] heads;
    private final ControlledMessageHandler[] handlers;
    private long windows;
    private long waits;

    BarResequencer(int shards, BarWriter writer, BooleanSupplier cancelled) {
        this.rings = new OneToOneRingBuffer[shards];
        for (int i = 0; i < shards; i++) {
            rings[i] = RingProducer.newRing(RING_BYTES);
        }
        this.writer = writer;
        this.cancelled = cancelled;
        this.staged = new long[shards][FIELDS * 1024];
        this.stagedCount = new int[shards];
        this.windowDone = new boolean[shards];
        this.windowStart = new long[shards];
        this.finished = new boolean[shards];
        this.heads = new int[shards];
        this.handlers = new ControlledMessageHandler[shards];
        for (int i = 0; i < shards; i++) {
            final int shard = i;
            handlers[i] = (type, buffer, index, length) -> onMessage(shard, type, buffer, index);
        }
    }

    /** The producer side for shard {@code i}; used on that shard's thread only. */
    BarSink sink(int shard) {
        return new ShardSink(new RingProducer(rings[shard], BAR_LENGTH, cancelled));
    }

    /** Windows merged so far. */
    long windows() {
        return windows;
    }

    /** Times the resequencer found a shard's ring empty and waited. */
    long waits() {
        return waits;
    }

    /**
     * One duty cycle: reads what the shards' rings hold and merges a window once every shard has
     * closed it.
     *
     * @return 1 when something was read or merged, 0 when every ring it waits on was empty (counted
     *         in {@link #waits})
     * @throws AgentTerminationException when every shard has finished, or on cancellation
     */
    @Override
    public int doWork() {
        if (cancelled.getAsBoolean()) {
            throw new AgentTerminationException();
        }
        int shards = rings.length;
        boolean progress = false;
        for (int s = 0; s < shards; s++) {
            if (!windowDone[s] && !finished[s]) {
                progress |= rings[s].controlledRead(handlers[s]) > 0;
            }
        }
        int done = 0;
        int ended = 0;
        for (int s = 0; s < shards; s++) {
            done += windowDone[s] ? 1 : 0;
            ended += finished[s] ? 1 : 0;
        }
        if (ended == shards) {
            throw new AgentTerminationException();
        }
        if (done + ended == shards && done > 0) {
            if (ended > 0) {
                // A shard stopped before a window the others closed: only with a failure or a
                // cancellation, which the caller reports; the stream so far stays whole windows.
                throw new AgentTerminationException();
            }
            mergeWindow();
            return 1;
        }
        if (!progress) {
            waits++;
            return 0;
        }
        return 1;
    }

    @Override
    public String roleName() {
        return "bars";
    }

    private ControlledMessageHandler.Action onMessage(int shard, int type, DirectBuffer buffer, int index) {
        switch (type) {
            case BAR -> {
                long[] a = staged[shard];
                int n = stagedCount[shard];
                if (n + FIELDS > a.length) {
                    a = staged[shard] = Arrays.copyOf(a, a.length * 2);
                }
                for (int f = 0; f < FIELDS; f++) {
                    a[n + f] = buffer.getLong(index + f * 8);
                }
                stagedCount[shard] = n + FIELDS;
                return ControlledMessageHandler.Action.CONTINUE;
            }
            case WINDOW_CLOSED -> {
                windowDone[shard] = true;
                windowStart[shard] = buffer.getLong(index);
                return ControlledMessageHandler.Action.BREAK;
            }
            default -> {
                finished[shard] = true;
                return ControlledMessageHandler.Action.BREAK;
            }
        }
    }

    private void mergeWindow() {
        int shards = rings.length;
        long start = windowStart[0];
        for (int s = 1; s < shards; s++) {
            if (windowStart[s] != start) {
                throw new IllegalStateException("shards closed different windows: " + start + " and " + windowStart[s]);
            }
        }
        Arrays.fill(heads, 0);
        while (true) {
            int best = -1;
            long bestLocate = Long.MAX_VALUE;
            for (int s = 0; s < shards; s++) {
                if (heads[s] < stagedCount[s] && staged[s][heads[s] + 1] < bestLocate) {
                    best = s;
                    bestLocate = staged[s][heads[s] + 1];
                }
            }
            if (best < 0) {
                break;
            }
            long[] b = staged[best];
            int h = heads[best];
            writer.append(b[h], (int) b[h + 1], b[h + 2], b[h + 3], b[h + 4], b[h + 5], b[h + 6], b[h + 7], b[h + 8],
                    b[h + 9]);
            heads[best] = h + FIELDS;
        }
        writer.endWindow();
        for (int s = 0; s < shards; s++) {
            stagedCount[s] = 0;
            windowDone[s] = false;
        }
        windows++;
    }

    /** A shard's producer: bars and markers into its ring, waiting while the ring is full. */
    private static final class ShardSink implements BarSink {
        private final RingProducer ring;
        private final UnsafeBuffer scratch;

        ShardSink(RingProducer ring) {
            this.ring = ring;
            this.scratch = ring.scratch();
        }

        @Override
        public void bar(long windowStartNs, int locate, long stock, long trades, long volume, long notional,
                        long open, long high, long low, long close) {
            UnsafeBuffer b = scratch;
            b.putLong(0, windowStartNs);
            b.putLong(8, locate);
            b.putLong(16, stock);
            b.putLong(24, trades);
            b.putLong(32, volume);
            b.putLong(40, notional);
            b.putLong(48, open);
            b.putLong(56, high);
            b.putLong(64, low);
            b.putLong(72, close);
            ring.put(BAR, BAR_LENGTH);
        }

        @Override
        public void windowClosed(long windowStartNs) {
            scratch.putLong(0, windowStartNs);
            ring.put(WINDOW_CLOSED, 8);
        }

        @Override
        public void finished() {
            scratch.putLong(0, 0);
            ring.put(FINISHED, 8);
        }
    }
}
