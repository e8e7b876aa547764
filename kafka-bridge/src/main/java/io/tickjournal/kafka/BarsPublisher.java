package io.tickjournal.kafka;

import io.tickjournal.journal.Journal;
import io.tickjournal.state.BarRecord;
import io.tickjournal.state.BarTailer;
import io.tickjournal.state.StateDirectory;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Publishes a state's bar stream to a bars topic: one record per closed bar, in stream order, key =
 * the symbol (ASCII), value = what {@code encoder} makes of the bar (the CLI's JSON object of the
 * {@code bars} CSV columns), header {@code tj-index} = the bar's position in the stream (0, 1, ...).
 * Transactional like the journal topic (at most 10,000 bars or 100 ms per transaction), and resumed the same
 * way: bars up to the topic's last committed position are not sent again, so a restart doubles nothing. One
 * partition keeps the stream order.
 *
 * <p>Following ({@link BarTailer}), it publishes each window's bars as the replay or capture writing the state
 * closes them, until {@link #finish()} or close; without follow it publishes the bars written so far. An Agrona
 * agent like {@link JournalPublisher}.
 */
public final class BarsPublisher extends TransactionalPublisher {
    private static final int TRANSACTION_BARS = 10_000;
    private static final long TRANSACTION_MS = 100;
    /** Bar windows read per {@link #doWork()}: a window holds at most one bar per symbol. */
    private static final int WINDOWS_PER_STEP = 16;

    private final KafkaClients clients;
    private final String topic;
    private final Path state;
    private final boolean follow;
    private final Function<BarRecord, byte[]> encoder;
    private final byte[] position = new byte[KafkaRecordFormat.INDEX_LENGTH];
    private final RecordHeaders headers = new RecordHeaders();
    private final Consumer<BarRecord> send = this::send;
    private SingleChronicleQueue queue;
    private BarTailer tailer;
    private KafkaProducer<byte[], byte[]> producer;
    private long nextOrdinal;
    private long skipUpTo = -1;
    /** After a (re)connect: the stream is read again from its start, up to {@link #skipUpTo} without sending. */
    private boolean rewind;
    private long sent;
    private long pending;

    /**
     * A publisher of the bars of state directory {@code state} to {@code topic} (created with one partition when
     * absent); {@code say} gets status lines.
     */
    public BarsPublisher(KafkaClients clients, String topic, Path state, boolean follow,
                         Function<BarRecord, byte[]> encoder, Consumer<String> say) {
        super(new ProducerSession(clients, "tickjournal-bars-" + topic, "bars " + topic, true, true, say,
                follow ? 0 : 120_000, follow), follow, TRANSACTION_BARS, TRANSACTION_MS);
        this.clients = clients;
        this.topic = topic;
        this.state = state;
        this.follow = follow;
        this.encoder = encoder;
        headers.add(KafkaRecordFormat.INDEX_HEADER, position);
    }

    /**
     * Publishes the bars the topic does not hold yet, to the end of what is written now, on the calling thread.
     *
     * @return the bars sent by this call
     */
    public long publishAll() {
        runUntil(() -> false);
        return sent;
    }

    /** Bars sent and committed so far. */
    public long sent() {
        return sent;
    }

    @Override
    public String roleName() {
        return "kafka-bars-" + topic;
    }

    /** Following, the state's bars queue may not be written yet (a replay or capture just starting). */
    @Override
    boolean sourceReady() {
        if (tailer != null) {
            return true;
        }
        Path bars = state.resolve(StateDirectory.BARS_DIR);
        if (follow && !(Files.isDirectory(bars) && Journal.hasCycleFiles(bars))) {
            return false;
        }
        StateDirectory dir = StateDirectory.existing(state);
        queue = follow ? dir.openBarsQueueReadOnly() : dir.openBarsQueue();
        tailer = new BarTailer(queue);
        return true;
    }

    /** The topic's last committed bar; the stream is read again from its start and bars up to that one skipped. */
    @Override
    long position() {
        int partitions = TopicAdmin.ensure(clients, topic, 0);
        skipUpTo = CommittedPosition.lastIndex(clients, topic, partitions);
        rewind = true;
        pending = 0;
        return skipUpTo;
    }

    @Override
    int publish(KafkaProducer<byte[], byte[]> p, boolean following) {
        producer = p;
        if (rewind) {
            tailer.close();
            tailer = new BarTailer(queue);
            nextOrdinal = 0;
            rewind = false;
        }
        int n = tailer.poll(send, WINDOWS_PER_STEP);
        if (n == 0) {
            caughtUp(p, following);
        }
        return n;
    }

    private void send(BarRecord bar) {
        long ordinal = nextOrdinal++;
        if (ordinal <= skipUpTo) {
            return;
        }
        beforeSend(producer);
        KafkaRecordFormat.putIndex(position, ordinal);
        producer.send(new ProducerRecord<>(topic, 0, null, bar.symbol().getBytes(StandardCharsets.US_ASCII),
                encoder.apply(bar), headers));
        pending++;
        afterSend(producer);
    }

    @Override
    void committed() {
        sent += pending;
        pending = 0;
    }

    @Override
    void closeSource() {
        if (tailer != null) {
            tailer.close();
            queue.close();
            tailer = null;
        }
    }
}
