package io.tickjournal.kafka;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the journal and the bars publishers share: an Agrona {@link Agent} that reads a local source (journal or
 * bars queue) and sends it in transactions of at most {@code transactionRecords} records or {@code transactionMs}
 * ms through a {@link ProducerSession}, so a broker that goes away is waited for without blocking anyone but the
 * publisher's own thread. Following, it keeps up with a source still being written until {@link #finish()} (then
 * it publishes to the source's end and is {@link #done()}) or until it is closed; without follow it is done at the
 * source's end. A command runs it on its own thread with {@link #runUntil}; the capture runs it in an
 * {@code AgentRunner} beside its ingestor and tailer.
 *
 * <p>{@link #doWork()} and {@link #onClose()} are confined to one thread; {@link #finish()} and {@link #done()}
 * may be called from any.
 */
public abstract class TransactionalPublisher implements Agent {
    /** First idle pause of a caught-up publisher: 200 us, so a record of a busy feed waits at most that. */
    private static final long IDLE_MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(200);
    /**
     * Longest idle pause: 2 ms, 2 % of the 100 ms a record waits for its transaction's commit anyway. A fixed
     * 200 us pause woke an idle publisher 5,000 times a second: 2.8 s of CPU in 20 s of a quiet feed.
     */
    private static final long IDLE_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(2);
    /**
     * How often a following publisher looks for a source that does not exist yet (a capture's journal before its
     * first record, a bars queue before its first bar): every 50 ms. Listing the directory at every idle step took
     * 43 % of an idle publisher's CPU.
     */
    private static final long SOURCE_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Spins before the first pause: cheap, and a record of a busy feed is often there by then. */
    private static final int IDLE_SPINS = 10;

    /** The producer and the broker's weather. */
    final ProducerSession session;
    private final boolean follow;
    private final long transactionRecords;
    private final long transactionNs;
    private volatile boolean finishing;
    private volatile boolean done;
    private volatile RuntimeException failure;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean open;
    private long inTransaction;
    private long openedNs;
    private boolean sourceOpen;
    private long nextSourceCheckNs = System.nanoTime();

    TransactionalPublisher(ProducerSession session, boolean follow, long transactionRecords, long transactionMs) {
        this.session = session;
        this.follow = follow;
        this.transactionRecords = transactionRecords;
        this.transactionNs = TimeUnit.MILLISECONDS.toNanos(transactionMs);
    }

    /** True once the source's local part is open; following, false while it does not exist yet. */
    abstract boolean sourceReady();

    /**
     * After a (re)connect: finds the topic's last committed position (creating the topic when absent), returns it;
     * the next {@link #publish} continues the source after it.
     */
    abstract long position();

    /**
     * Sends a bounded amount of the source through {@code p} (with {@link #beforeSend}, {@link #afterSend} around
     * each record, {@link #caughtUp} at the source's end); returns the records read.
     */
    abstract int publish(KafkaProducer<byte[], byte[]> p, boolean following);

    /** A transaction committed: what was sent since the last one is in the topic now. */
    abstract void committed();

    /** Closes the local source. */
    abstract void closeSource();

    /**
     * One step: connects when due, opens the source, publishes a bounded batch. A fenced producer or refused
     * credentials throw a {@link io.tickjournal.TickjournalException} once; the publisher then does nothing more.
     */
    @Override
    public final int doWork() {
        if (done || failure != null) {
            return 0;
        }
        try {
            // connected first, so that the topic exists (for its consumers) before the source has a record
            producer = session.producer(this::position);
            if (producer == null || !sourceOpen()) {
                return 0;
            }
            try {
                return publish(producer, follow && !finishing);
            } catch (KafkaException e) {
                open = false;
                producer = null;
                session.failed(e);
                return 0;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** {@link #sourceReady()}, asked at most every {@link #SOURCE_CHECK_NS} while it says no. */
    private boolean sourceOpen() {
        if (sourceOpen) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextSourceCheckNs < 0) {
            return false;
        }
        sourceOpen = sourceReady();
        nextSourceCheckNs = now + SOURCE_CHECK_NS;
        return sourceOpen;
    }

    /** Begins a transaction when none is open. */
    final void beforeSend(KafkaProducer<byte[], byte[]> p) {
        if (!open) {
            p.beginTransaction();
            open = true;
            inTransaction = 0;
            openedNs = System.nanoTime();
        }
    }

    /** Counts a sent record; commits when the transaction is full or old enough. */
    final void afterSend(KafkaProducer<byte[], byte[]> p) {
        if (++inTransaction >= transactionRecords || System.nanoTime() - openedNs >= transactionNs) {
            commit(p);
        }
    }

    /**
     * At the source's end: commits the open transaction (following, only once it is old enough: a commit at every
     * catch-up would cost a broker round trip per few records of a live feed); not following, the publisher is done.
     */
    final void caughtUp(KafkaProducer<byte[], byte[]> p, boolean following) {
        if (open && (!following || System.nanoTime() - openedNs >= transactionNs)) {
            commit(p);
        }
        if (!following && !open) {
            done = true;
        }
    }

    private void commit(KafkaProducer<byte[], byte[]> p) {
        p.commitTransaction();
        open = false;
        committed();
    }

    /** From now on publish to the source's end and be done (any thread). */
    public final void finish() {
        finishing = true;
    }

    /** True once everything up to the source's end is committed (without follow, or after {@link #finish()}). */
    public final boolean done() {
        return done;
    }

    /** True once done or failed: the publisher will do nothing more (any thread). */
    public final boolean stopped() {
        return done || failure != null;
    }

    /** Times the broker was lost and found again. */
    public final int reconnects() {
        return session.reconnects();
    }

    /** Commits an open transaction if the broker lets it, closes the producer and the source. */
    @Override
    public final void onClose() {
        try {
            if (open && producer != null) {
                commit(producer);
            }
        } catch (KafkaException e) {
            // the broker is gone: the open transaction is dropped; a restart resumes after the last commit
        } finally {
            open = false;
            session.close(Duration.ofSeconds(5));
            closeSource();
            sourceOpen = false;
        }
    }

    /**
     * The idle strategy of a publisher's thread: a few spins, then pauses doubling from 200 us to 2 ms while there
     * is nothing to publish, back to spinning at the first record. One instance per thread.
     */
    static IdleStrategy idleStrategy() {
        return new BackoffIdleStrategy(IDLE_SPINS, 0, IDLE_MIN_PARK_NS, IDLE_MAX_PARK_NS);
    }

    /** Runs the publisher on the calling thread until it is {@link #done()} or {@code stop} says so, then closes it. */
    public final void runUntil(BooleanSupplier stop) {
        IdleStrategy idle = idleStrategy();
        try {
            while (!done && !stop.getAsBoolean()) {
                idle.idle(doWork());
            }
        } finally {
            onClose();
        }
    }
}
