package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Publishes a journal to a topic, exactly once: one Kafka record per journal record
 * ({@link KafkaRecordFormat}), partitioned by stock locate ({@link LocatePartitioner}), sent by an
 * idempotent, transactional producer in transactions of at most {@link Settings#transactionRecords}
 * records or {@link Settings#transactionMs} ms. Where to start is read from the topic itself
 * ({@link CommittedPosition}): after a kill -9, a lost broker or a restart, the publisher continues
 * with the record after the last committed one, and the new producer's {@code initTransactions}
 * aborts whatever the previous one left open, so {@code read_committed} readers see each record once.
 *
 * <p>A broker that goes away is waited for: the open transaction is dropped, the publisher says so
 * once, reconnects every second and resumes from the topic as after a restart.
 *
 * <p>Runs on the calling thread. Kafka copies key, value and headers into its batch inside
 * {@code send}, so the value arrays of the journal tailer, one key per locate and one index header
 * are reused; what is allocated per record is the {@code ProducerRecord} the producer API takes.
 */
public final class JournalPublisher {
    /**
     * Publish settings.
     *
     * @param partitions         partitions of a topic to create (0: 1, or the existing topic's count)
     * @param follow             keep up with a journal still being written until stopped
     * @param batching           large batches with linger (see {@link KafkaClients#transactionalProducer})
     * @param compression        lz4 batches
     * @param transactionRecords most records per transaction
     * @param transactionMs      longest a transaction stays open, milliseconds
     * @param reconnectMs        without follow: how long a lost broker is waited for before giving up
     */
    public record Settings(Path journal, String topic, int partitions, boolean follow, boolean batching,
                           boolean compression, int transactionRecords, long transactionMs, long reconnectMs) {
        /** Defaults: batching and lz4 on, 200,000 records or 100 ms per transaction, 120 s for a lost broker. */
        public Settings(Path journal, String topic, int partitions, boolean follow) {
            this(journal, topic, partitions, follow, true, true, 200_000, 100, 120_000);
        }
    }

    /**
     * What a run did.
     *
     * @param records       records published by this run
     * @param bytes         value bytes of those records (broadcast copies counted once)
     * @param resumedAfter  the topic's last index when the run started (-1: empty topic)
     * @param lastIndex     the last index published (and committed), -1 when none
     * @param seconds       wall time of the run
     * @param reconnects    times the broker was lost and found again
     */
    public record Summary(long records, long bytes, long resumedAfter, long lastIndex, double seconds,
                          int reconnects) {
        /** Records per second of wall time. */
        public double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private static final long IDLE_PARK_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long RECONNECT_PAUSE_MS = 1_000;

    private final KafkaClients clients;
    private final Settings settings;
    private final Consumer<String> say;
    private final byte[][] keys = new byte[1 << 16][];
    private final byte[] indexValue = new byte[KafkaRecordFormat.INDEX_LENGTH];
    private LocatePartitioner partitioner;
    private KafkaProducer<byte[], byte[]> producer;
    private long records;
    private long bytes;
    private long lastCommitted = -1;
    private int reconnects;

    /** A publisher of {@code settings.journal()} to {@code settings.topic()}; {@code say} gets status lines. */
    public JournalPublisher(KafkaClients clients, Settings settings, Consumer<String> say) {
        this.clients = clients;
        this.settings = settings;
        this.say = say;
    }

    /** Publishes until the end of the journal (or, following, until {@code stop} says so), then commits. */
    public Summary run(BooleanSupplier stop) {
        int partitions = TopicAdmin.ensure(clients, settings.topic(), settings.partitions());
        partitioner = new LocatePartitioner(partitions);
        if (!awaitJournal(stop)) {
            return new Summary(0, 0, -1, -1, 0, 0);
        }
        long started = System.nanoTime();
        try (SingleChronicleQueue queue = Journal.openForRead(settings.journal());
             JournalRecordTailer tailer = new JournalRecordTailer(queue)) {
            long resumedAfter = connect(tailer);
            while (true) {
                try {
                    publish(tailer, stop);
                    break;
                } catch (ProducerFencedException e) {
                    throw new TickjournalException("another publisher of topic " + settings.topic()
                            + " (transactional id " + transactionalId() + ") took over; this one stops", e);
                } catch (AuthenticationException | AuthorizationException e) {
                    throw new TickjournalException("kafka " + clients.bootstrap() + ": " + e.getMessage(), e);
                } catch (KafkaException e) {
                    if (!reconnect(tailer, stop, e)) {
                        break;
                    }
                }
            }
            return new Summary(records, bytes, resumedAfter, lastCommitted, (System.nanoTime() - started) / 1e9,
                    reconnects);
        } finally {
            closeProducer(Duration.ofSeconds(5));
        }
    }

    /**
     * Following, a capture's journal directory may have no cycle file before its first record:
     * waits for one (polling every 100 ms) until stopped. Without follow, the journal must be there.
     */
    private boolean awaitJournal(BooleanSupplier stop) {
        Path dir = settings.journal();
        if (settings.follow() && java.nio.file.Files.isDirectory(dir)) {
            while (!Journal.hasCycleFiles(dir)) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        Journal.requireJournal(dir);
        return true;
    }

    /** Opens the producer, fences any previous one, and positions {@code tailer} after the topic's last record. */
    private long connect(JournalRecordTailer tailer) {
        producer = clients.transactionalProducer(transactionalId(), settings.batching(), settings.compression());
        producer.initTransactions();
        long last = CommittedPosition.lastIndex(clients, settings.topic(), partitioner.partitions());
        tailer.startAfter(last);
        lastCommitted = last;
        return last;
    }

    private void publish(JournalRecordTailer tailer, BooleanSupplier stop) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaRecordFormat.INDEX_HEADER, indexValue);
        boolean open = false;
        long inTransaction = 0;
        long openedNs = 0;
        long pendingBytes = 0;
        String topic = settings.topic();
        long limitNs = TimeUnit.MILLISECONDS.toNanos(settings.transactionMs());
        while (!stop.getAsBoolean()) {
            byte[] value = tailer.next();
            if (value == null) {
                // Caught up. Following, the transaction still runs its time: committing at every
                // catch-up would make one commit (a broker round trip) per few records of a live feed.
                if (open && (!settings.follow() || System.nanoTime() - openedNs >= limitNs)) {
                    commit(tailer.index(), inTransaction, pendingBytes);
                    open = false;
                }
                if (!settings.follow()) {
                    return;
                }
                LockSupport.parkNanos(IDLE_PARK_NS);
                continue;
            }
            if (!open) {
                producer.beginTransaction();
                open = true;
                inTransaction = 0;
                pendingBytes = 0;
                openedNs = System.nanoTime();
            }
            int locate = KafkaRecordFormat.locateOf(value);
            KafkaRecordFormat.putIndex(indexValue, tailer.index());
            byte[] key = key(locate);
            int partition = partitioner.partition(locate);
            if (partition == LocatePartitioner.EVERY_PARTITION) {
                for (int p = 0; p < partitioner.partitions(); p++) {
                    producer.send(new ProducerRecord<>(topic, p, null, key, value, headers));
                }
            } else {
                producer.send(new ProducerRecord<>(topic, partition, null, key, value, headers));
            }
            inTransaction++;
            pendingBytes += value.length;
            if (inTransaction >= settings.transactionRecords() || System.nanoTime() - openedNs >= limitNs) {
                commit(tailer.index(), inTransaction, pendingBytes);
                open = false;
            }
        }
        if (open) {
            commit(tailer.index(), inTransaction, pendingBytes);
        }
    }

    private void commit(long last, long count, long valueBytes) {
        producer.commitTransaction();
        lastCommitted = last;
        records += count;
        bytes += valueBytes;
    }

    private byte[] key(int locate) {
        byte[] k = keys[locate];
        if (k == null) {
            k = new byte[KafkaRecordFormat.KEY_LENGTH];
            KafkaRecordFormat.putKey(k, locate);
            keys[locate] = k;
        }
        return k;
    }

    /**
     * The broker is gone (or the transaction failed): drop the producer and its open transaction,
     * wait for the broker and resume after what the topic holds. False when stopped while waiting.
     */
    private boolean reconnect(JournalRecordTailer tailer, BooleanSupplier stop, KafkaException cause) {
        closeProducer(Duration.ZERO);
        say.accept("publish: kafka " + clients.bootstrap() + " unavailable (" + cause.getMessage()
                + "); waiting for it, the open transaction is dropped");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.reconnectMs());
        while (!stop.getAsBoolean()) {
            if (!settings.follow() && System.nanoTime() > deadline) {
                throw new TickjournalException("kafka " + clients.bootstrap() + " unavailable for "
                        + settings.reconnectMs() / 1000 + " s; published up to index " + lastCommitted);
            }
            try {
                long before = lastCommitted;
                long last = connect(tailer);
                // Records of transactions that committed though their commit call failed.
                records += countBetween(before, last);
                reconnects++;
                say.accept("publish: kafka " + clients.bootstrap() + " back; resuming after index " + last);
                return true;
            } catch (KafkaException e) {
                closeProducer(Duration.ZERO);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RECONNECT_PAUSE_MS));
            }
        }
        return false;
    }

    /** Records in (before, last], assuming one cycle: an estimate for the summary only. */
    private static long countBetween(long before, long last) {
        return last > before && before >= 0 && (last >>> 32) == (before >>> 32) ? last - before : 0;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (KafkaException e) {
                // closing a producer whose broker is gone: nothing left to release
            }
            producer = null;
        }
    }

    private String transactionalId() {
        return "tickjournal-publish-" + settings.topic();
    }
}
