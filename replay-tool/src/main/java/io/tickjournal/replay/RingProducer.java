package io.tickjournal.replay;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * A replay worker's side of a bounded single-producer single-consumer ring (Agrona
 * {@link OneToOneRingBuffer}) to a helper thread: the worker fills {@link #scratch} and {@link #put}s
 * it as one message. Backpressure policy: while the ring is full the worker waits (spin, yield, then
 * park) until the consumer has made room; nothing is ever dropped; it gives up only on cancellation.
 * Used on its worker's thread only.
 */
final class RingProducer {
    private final OneToOneRingBuffer ring;
    private final BooleanSupplier cancelled;
    private final UnsafeBuffer scratch;
    private final IdleStrategy idle = new BackoffIdleStrategy();

    /** A producer into {@code ring} of messages of at most {@code maxLength} bytes. */
    RingProducer(OneToOneRingBuffer ring, int maxLength, BooleanSupplier cancelled) {
        this.ring = ring;
        this.cancelled = cancelled;
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(maxLength));
    }

    /** A ring of {@code capacity} bytes (a power of 2) in direct memory. */
    static OneToOneRingBuffer newRing(int capacity) {
        return new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** Where the next message is written, from offset 0. */
    UnsafeBuffer scratch() {
        return scratch;
    }

    /**
     * Puts the first {@code length} bytes of {@link #scratch} as a message of {@code type}, waiting for room.
     *
     * @throws ReplayCancelledException when the replay is cancelled while the ring is full
     */
    void put(int type, int length) {
        while (!ring.write(type, scratch, 0, length)) {
            if (cancelled.getAsBoolean()) {
                throw new ReplayCancelledException();
            }
            idle.idle();
        }
        idle.reset();
    }
}
