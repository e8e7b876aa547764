package io.tickjournal.kafka;

import io.tickjournal.state.BarReader;
import io.tickjournal.state.BarRecord;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Publishes a state's bar stream to a bars topic: one record per closed bar, in stream order, key =
 * the symbol (ASCII), value = what {@code encoder} makes of the bar (the CLI's JSON object of the
 * {@code bars} CSV columns), header {@code tj-index} = the bar's position in the stream (0, 1, ...).
 * Transactional like the journal topic, and resumed the same way: bars up to the topic's last
 * committed position are not sent again. One partition keeps the stream order. Runs on the calling thread.
 */
public final class BarsPublisher {
    private static final int TRANSACTION_BARS = 10_000;

    private final KafkaClients clients;
    private final String topic;

    /** A publisher of bars to {@code topic} (created with one partition when absent). */
    public BarsPublisher(KafkaClients clients, String topic) {
        this.clients = clients;
        this.topic = topic;
    }

    /**
     * Publishes the bars of {@code barsQueue} that the topic does not hold yet.
     *
     * @return the bars sent by this call
     */
    public long publish(SingleChronicleQueue barsQueue, Function<BarRecord, byte[]> encoder) {
        int partitions = TopicAdmin.ensure(clients, topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = clients.transactionalProducer("tickjournal-bars-" + topic,
                true, true)) {
            producer.initTransactions();
            long skip = CommittedPosition.lastIndex(clients, topic, partitions) + 1;
            byte[] position = new byte[KafkaRecordFormat.INDEX_LENGTH];
            RecordHeaders headers = new RecordHeaders();
            headers.add(KafkaRecordFormat.INDEX_HEADER, position);
            long[] n = {0, 0};
            producer.beginTransaction();
            BarReader.readAll(barsQueue, bar -> {
                long ordinal = n[0]++;
                if (ordinal < skip) {
                    return;
                }
                KafkaRecordFormat.putIndex(position, ordinal);
                producer.send(new ProducerRecord<>(topic, 0, null, bar.symbol().getBytes(StandardCharsets.US_ASCII),
                        encoder.apply(bar), headers));
                if (++n[1] % TRANSACTION_BARS == 0) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                }
            });
            producer.commitTransaction();
            return n[1];
        }
    }
}
