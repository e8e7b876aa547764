package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One publisher's transactional producer and its broker weather: connects (a new producer whose
 * {@code initTransactions} aborts what a predecessor left open, then the caller's positioning from the topic), and
 * when the broker goes away drops the producer with its open transaction, says so once, and reconnects every
 * second, never blocking its caller longer than one connect attempt. A fenced producer (another publisher of the
 * topic) or refused credentials are not weather: they end the publisher with a {@link TickjournalException}.
 *
 * <p>Thread-confined to the publisher's thread.
 */
final class ProducerSession {
    private static final long RECONNECT_PAUSE_NS = TimeUnit.SECONDS.toNanos(1);

    private final KafkaClients clients;
    private final String transactionalId;
    private final String name;
    private final boolean batching;
    private final boolean compression;
    private final Consumer<String> say;
    private final long giveUpNs;
    private final boolean waitAtStart;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean connectedOnce;
    private boolean waiting;
    private long waitingSinceNs;
    private long nextAttemptNs;
    private int reconnects;

    /**
     * A session of producer {@code transactionalId}; {@code name} starts its status lines, {@code giveUpMs} is how
     * long a lost broker is waited for (0: without limit), {@code waitAtStart} whether an unreachable broker at the
     * first connect is waited for too (otherwise it is an error at once).
     */
    ProducerSession(KafkaClients clients, String transactionalId, String name, boolean batching, boolean compression,
                    Consumer<String> say, long giveUpMs, boolean waitAtStart) {
        this.clients = clients;
        this.transactionalId = transactionalId;
        this.name = name;
        this.batching = batching;
        this.compression = compression;
        this.say = say;
        this.giveUpNs = TimeUnit.MILLISECONDS.toNanos(giveUpMs);
        this.waitAtStart = waitAtStart;
    }

    /**
     * The connected producer, connecting first when none is and an attempt is due; {@code position} then reads
     * the topic and returns the index the publisher resumes after. Null while the broker is away.
     */
    KafkaProducer<byte[], byte[]> producer(LongSupplier position) {
        if (producer != null) {
            return producer;
        }
        long now = System.nanoTime();
        if (waiting && now < nextAttemptNs) {
            return null;
        }
        try {
            producer = clients.transactionalProducer(transactionalId, batching, compression);
            producer.initTransactions();
            long last = position.getAsLong();
            if (waiting) {
                reconnects++;
                say.accept(name + ": kafka " + clients.bootstrap() + " back; resuming after index " + last);
            }
            waiting = false;
            connectedOnce = true;
            return producer;
        } catch (KafkaException e) {
            if (!connectedOnce && !waitAtStart) {
                close(Duration.ZERO);
                throw new TickjournalException("kafka " + clients.bootstrap() + ": " + e.getMessage(), e);
            }
            lost(e);
            return null;
        }
    }

    /**
     * A send or commit failed: fenced and refused credentials end the publisher; anything else drops the
     * producer and its open transaction until the broker is back.
     */
    void failed(KafkaException e) {
        if (e instanceof ProducerFencedException) {
            close(Duration.ZERO);
            throw new TickjournalException("another publisher (transactional id " + transactionalId
                    + ") took over; this one stops", e);
        }
        if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
            close(Duration.ZERO);
            throw new TickjournalException("kafka " + clients.bootstrap() + ": " + e.getMessage(), e);
        }
        lost(e);
    }

    private void lost(KafkaException cause) {
        close(Duration.ZERO);
        long now = System.nanoTime();
        if (!waiting) {
            waiting = true;
            waitingSinceNs = now;
            say.accept(name + ": kafka " + clients.bootstrap() + " unavailable (" + cause.getMessage()
                    + "); waiting for it, the open transaction is dropped");
        } else if (giveUpNs > 0 && now - waitingSinceNs > giveUpNs) {
            throw new TickjournalException("kafka " + clients.bootstrap() + " unavailable for "
                    + TimeUnit.NANOSECONDS.toSeconds(giveUpNs) + " s");
        }
        nextAttemptNs = now + RECONNECT_PAUSE_NS;
    }

    /** True while the broker is away. */
    boolean waiting() {
        return waiting;
    }

    /** Times the broker was lost and found again. */
    int reconnects() {
        return reconnects;
    }

    /** Closes the producer (an open transaction is dropped), waiting at most {@code timeout}. */
    void close(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (KafkaException e) {
                // closing a producer whose broker is gone: nothing left to release
            }
            producer = null;
        }
    }
}
