package io.tickjournal.kafka;

import io.tickjournal.journal.Journal;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>A broker that goes away is waited for ({@link ProducerSession}): the open transaction is dropped, the
 * publisher says so once, reconnects every second and resumes from the topic as after a restart. Following, a
 * broker that is away at the start is waited for too.
 *
 * <p>An Agrona agent ({@link TransactionalPublisher}): {@code publish} runs it on its own thread with {@link #run},
 * the capture in an {@code AgentRunner} of its own. Kafka copies key, value and headers into its batch inside
 * {@code send}, so the value arrays of the journal tailer, one key per locate and one index header are reused;
 * what is allocated per record is the {@code ProducerRecord} the producer API takes.
 */
public final class JournalPublisher extends TransactionalPublisher {
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

    /** Records read per {@link #doWork()}: bounds a step's time (some 2 ms of sends) while amortising its costs. */
    private static final int BATCH = 1_024;
    private static final long UNSET = -2;

    private final KafkaClients clients;
    private final Settings settings;
    private final byte[][] keys = new byte[1 << 16][];
    private final byte[] indexValue = new byte[KafkaRecordFormat.INDEX_LENGTH];
    private final RecordHeaders headers = new RecordHeaders();
    private SingleChronicleQueue queue;
    private JournalRecordTailer tailer;
    private LocatePartitioner partitioner;
    private long startedNs;
    private long records;
    private long bytes;
    private long pendingRecords;
    private long pendingBytes;
    private long lastSent = -1;
    private long lastCommitted = -1;
    private long resumedAfter = UNSET;
    /** Where the tailer continues after a (re)connect, until the next {@link #publish} has moved it. */
    private long resumeAfter = UNSET;

    /** A publisher of {@code settings.journal()} to {@code settings.topic()}; {@code say} gets status lines. */
    public JournalPublisher(KafkaClients clients, Settings settings, Consumer<String> say) {
        super(new ProducerSession(clients, "tickjournal-publish-" + settings.topic(), "publish", settings.batching(),
                settings.compression(), say, settings.follow() ? 0 : settings.reconnectMs(), settings.follow()),
                settings.follow(), settings.transactionRecords(), settings.transactionMs());
        this.clients = clients;
        this.settings = settings;
        headers.add(KafkaRecordFormat.INDEX_HEADER, indexValue);
    }

    /** Publishes until the end of the journal (or, following, until {@code stop} says so), then commits. */
    public Summary run(BooleanSupplier stop) {
        runUntil(stop);
        return summary();
    }

    /** What the publisher did so far (its thread, or after it has stopped). */
    public Summary summary() {
        double seconds = startedNs == 0 ? 0 : (System.nanoTime() - startedNs) / 1e9;
        return new Summary(records, bytes, resumedAfter == UNSET ? -1 : resumedAfter, lastCommitted, seconds,
                reconnects());
    }

    @Override
    public String roleName() {
        return "kafka-publish-" + settings.topic();
    }

    /**
     * Following, a capture's journal directory may have no cycle file before its first record: not ready until it
     * has one. Without follow, the journal must be there.
     */
    @Override
    boolean sourceReady() {
        if (tailer != null) {
            return true;
        }
        Path dir = settings.journal();
        if (settings.follow() && Files.isDirectory(dir) && !Journal.hasCycleFiles(dir)) {
            return false;
        }
        Journal.requireJournal(dir);
        queue = Journal.openForRead(dir);
        tailer = new JournalRecordTailer(queue);
        startedNs = System.nanoTime();
        return true;
    }

    @Override
    long position() {
        partitioner = new LocatePartitioner(TopicAdmin.ensure(clients, settings.topic(), settings.partitions()));
        long last = CommittedPosition.lastIndex(clients, settings.topic(), partitioner.partitions());
        resumeAfter = last;
        if (resumedAfter == UNSET) {
            resumedAfter = last;
        } else {
            // Records of transactions that committed though their commit call failed.
            records += countBetween(lastCommitted, last);
        }
        lastCommitted = last;
        pendingRecords = 0;
        pendingBytes = 0;
        return last;
    }

    @Override
    int publish(KafkaProducer<byte[], byte[]> p, boolean following) {
        if (resumeAfter != UNSET) {
            tailer.startAfter(resumeAfter);
            resumeAfter = UNSET;
        }
        String topic = settings.topic();
        for (int n = 0; n < BATCH; n++) {
            byte[] value = tailer.next();
            if (value == null) {
                caughtUp(p, following);
                return n;
            }
            beforeSend(p);
            int locate = KafkaRecordFormat.locateOf(value);
            KafkaRecordFormat.putIndex(indexValue, tailer.index());
            byte[] key = key(locate);
            int partition = partitioner.partition(locate);
            if (partition == LocatePartitioner.EVERY_PARTITION) {
                for (int part = 0; part < partitioner.partitions(); part++) {
                    p.send(new ProducerRecord<>(topic, part, null, key, value, headers));
                }
            } else {
                p.send(new ProducerRecord<>(topic, partition, null, key, value, headers));
            }
            pendingRecords++;
            pendingBytes += value.length;
            lastSent = tailer.index();
            afterSend(p);
        }
        return BATCH;
    }

    @Override
    void committed() {
        records += pendingRecords;
        bytes += pendingBytes;
        lastCommitted = lastSent;
        pendingRecords = 0;
        pendingBytes = 0;
    }

    @Override
    void closeSource() {
        if (tailer != null) {
            tailer.close();
            queue.close();
            tailer = null;
        }
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

    /** Records in (before, last], assuming one cycle: an estimate for the summary only. */
    private static long countBetween(long before, long last) {
        return last > before && before >= 0 && (last >>> 32) == (before >>> 32) ? last - before : 0;
    }
}
