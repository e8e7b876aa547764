package io.tickjournal.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds how far a topic holds a journal: the highest {@code tj-index} among the last committed
 * record of each partition. Transactions commit whole and in journal order, so every record up
 * to that index is in the topic and none after it. Reads from the end of each partition backwards
 * in growing steps (transaction markers occupy offsets too, so the last offset is often a marker).
 * Used once at the start of a publish and after each reconnect; not for hot paths.
 */
public final class CommittedPosition {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int FIRST_STEP = 16;
    /** The tails are there already: a fetch need not wait for more. */
    private static final int FETCH_WAIT_MS = 10;

    private CommittedPosition() {
    }

    /** The last journal index committed to {@code topic}'s {@code partitions} partitions, or -1 when none. */
    public static long lastIndex(KafkaClients clients, String topic, int partitions) {
        List<TopicPartition> pending = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            pending.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = clients.committedReader(FETCH_WAIT_MS)) {
            consumer.assign(pending);
            Map<TopicPartition, Long> ends = consumer.endOffsets(pending);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(pending);
            pending.removeIf(tp -> ends.get(tp) <= begins.get(tp));
            long last = -1;
            long step = FIRST_STEP;
            // All partitions at once, each round reading a longer tail of those where no record turned up.
            while (!pending.isEmpty()) {
                consumer.assign(pending);
                Map<TopicPartition, Long> found = new HashMap<>();
                for (TopicPartition tp : pending) {
                    consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - step));
                }
                readTails(consumer, pending, ends, found);
                for (Map.Entry<TopicPartition, Long> e : found.entrySet()) {
                    last = Math.max(last, e.getValue());
                }
                long reach = step;
                pending.removeIf(tp -> found.containsKey(tp) || ends.get(tp) - reach <= begins.get(tp));
                step *= 8;
            }
            return last;
        }
    }

    private static void readTails(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> parts,
                                  Map<TopicPartition, Long> ends, Map<TopicPartition, Long> found) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3L * KafkaClients.BROKER_WAIT_MS);
        while (!parts.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading the ends of " + parts + " took over "
                        + 3 * KafkaClients.BROKER_WAIT_MS / 1000 + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                long index = KafkaRecordFormat.index(r.headers());
                if (r.offset() < ends.get(tp) && index >= 0) {
                    found.merge(tp, index, Math::max);
                }
            }
        }
    }
}
