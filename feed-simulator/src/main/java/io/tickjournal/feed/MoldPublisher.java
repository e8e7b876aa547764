package io.tickjournal.feed;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static io.tickjournal.protocol.MoldUdp64Layout.COUNT_END_OF_SESSION;
import static io.tickjournal.protocol.MoldUdp64Layout.COUNT_HEARTBEAT;

/**
 * The feed simulator's publisher as an agent: publishes the messages at the rate (as fast as
 * possible at rate 0), sending MoldUDP64 packets when a channel is given (dropping the configured
 * fraction), then sends the end of session every heartbeat interval until closed.
 *
 * <p>It is its own idle strategy: with nothing due it sleeps until the next paced batch (20 to
 * 100 us) or the next heartbeat, at most 100 ms at a time so that a close is seen soon.
 */
final class MoldPublisher implements Agent, IdleStrategy {
    /** A paced packet waits for this many messages, or {@link #BATCH_WAIT_NS}, whichever comes first. */
    private static final int BATCH_MESSAGES = 32;
    private static final long BATCH_WAIT_NS = 200_000;
    private static final long MAX_SLEEP_NS = 100_000_000L;

    /** What it counts, read by the server's getters. */
    record Counters(AtomicLong published, AtomicLong packetsSent, AtomicLong packetsDropped) {
    }

    private final MoldPackets packets;
    private final FeedServer.Options options;
    private final DatagramChannel channel;
    private final Counters counters;
    private final BooleanSupplier running;
    private final Consumer<String> say;
    private final ByteBuffer packet = ByteBuffer.allocate(MoldPackets.CAPACITY);
    private final SplittableRandom random;
    private final int count;
    private final long rate;
    private final long heartbeatNs;
    private long start;
    private long lastSendNs;
    private long next = 1;
    private long sleepNs;

    /** Publishes {@code messages} per {@code options}; to {@code channel} when not null (SoupBinTCP only: null). */
    MoldPublisher(FeedMessages messages, MoldPackets packets, FeedServer.Options options, DatagramChannel channel,
                  Counters counters, BooleanSupplier running, Consumer<String> say) {
        this.packets = packets;
        this.options = options;
        this.channel = channel;
        this.counters = counters;
        this.running = running;
        this.say = say;
        this.random = new SplittableRandom(options.dropSeed());
        this.count = messages.count();
        this.rate = options.rate();
        this.heartbeatNs = options.heartbeatMs() * 1_000_000;
    }

    @Override
    public void onStart() {
        start = System.nanoTime();
        lastSendNs = start;
    }

    @Override
    public int doWork() {
        try {
            return next <= count ? publishDue() : endSession();
        } catch (IOException e) {
            throw FeedServer.ended(running.getAsBoolean(), say, "MoldUDP64 send to " + options.mold(), e);
        }
    }

    private int publishDue() throws IOException {
        long allowed = count;
        if (rate > 0) {
            long now = System.nanoTime();
            allowed = Math.min(count, (long) ((now - start) / 1e9 * rate));
            // Batch as a real feed does: a packet goes when it is full enough or has waited long enough.
            if (allowed < next || allowed - next + 1 < BATCH_MESSAGES && allowed < count
                    && now - lastSendNs < BATCH_WAIT_NS) {
                if (channel != null && System.nanoTime() - lastSendNs > heartbeatNs) {
                    send(next, COUNT_HEARTBEAT);
                }
                sleepNs = Math.min(100_000, Math.max(20_000, 1_000_000_000L / rate / 2));
                return 0;
            }
        }
        long last = packets.fill(packet, next, allowed);
        if (channel != null) {
            if (options.dropRate() > 0 && random.nextDouble() < options.dropRate()) {
                counters.packetsDropped().incrementAndGet();
            } else {
                channel.send(packet, options.mold());
                counters.packetsSent().incrementAndGet();
            }
            lastSendNs = System.nanoTime();
        }
        counters.published().set(last);
        next = last + 1;
        if (next > count) {
            say.accept("feed: all " + count + " messages published; sending end of session");
            lastSendNs = System.nanoTime() - heartbeatNs; // the first end of session goes at once
        }
        return 1;
    }

    private int endSession() throws IOException {
        if (channel == null) {
            throw new AgentTerminationException(); // SoupBinTCP sessions send their own
        }
        long wait = lastSendNs + heartbeatNs - System.nanoTime();
        if (wait > 0) {
            sleepNs = wait;
            return 0;
        }
        send(count + 1L, COUNT_END_OF_SESSION);
        return 1;
    }

    private void send(long sequence, int controlCount) throws IOException {
        packets.control(packet, sequence, controlCount);
        channel.send(packet, options.mold());
        lastSendNs = System.nanoTime();
    }

    @Override
    public void onClose() {
        if (next <= count && !running.getAsBoolean()) {
            // Stopped (SIGTERM/SIGINT) mid-stream: say how far it got, and no end of session.
            say.accept("feed: stopped after " + (next - 1) + " of " + count + " messages; no end of session sent");
        }
    }

    @Override
    public String roleName() {
        return "feed-publisher";
    }

    @Override
    public void idle(int workCount) {
        if (workCount == 0) {
            idle();
        }
    }

    @Override
    public void idle() {
        LockSupport.parkNanos(Math.min(sleepNs, MAX_SLEEP_NS));
    }

    @Override
    public void reset() {
        // nothing to reset: doWork computes each sleep
    }
}
