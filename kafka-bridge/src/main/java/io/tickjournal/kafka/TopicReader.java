package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the journal records of some partitions of a topic, {@code read_committed}, and hands them
 * out merged into journal index order, broadcast copies dropped. Each partition is in index order
 * already (one producer, transactions in journal order); the merge hands out the smallest index
 * among the partitions' next records once no partition can still deliver a smaller one.
 *
 * <p>Two merges: {@linkplain #contiguous} (a mirror of all partitions) hands out only the record
 * right after the last one, index + 1, except at a roll-cycle start (Chronicle indexes are
 * contiguous within a cycle), so a transaction whose commit markers reached some partitions before
 * others is never cut; the relaxed merge (a subset of partitions, whose indexes have holes) hands
 * out the smallest record when every partition without a buffered record has been read to its end.
 *
 * <p>Without follow, the reader stops at the end offsets it saw when it started. A record that is
 * not a tickjournal record stops the merge where it lies: records before it are handed out, then
 * {@link #next} throws {@link ForeignRecordException}. Thread-confined.
 */
final class TopicReader implements AutoCloseable {
    private static final int PAUSE_ABOVE = 200_000;

    private final String topic;
    private final boolean follow;
    private final boolean contiguous;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition[] partitions;
    private final List<ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new ArrayList<>();
    private final long[] heads;
    private final long[] ends;
    private final ForeignRecordException[] foreign;
    private final List<TopicPartition> toPause = new ArrayList<>();
    private final List<TopicPartition> toResume = new ArrayList<>();
    private long last;
    private long index = -1;

    /**
     * Reads {@code partitionIds} of {@code topic} from their start, handing out records after index {@code after}.
     *
     * @param contiguous the contiguous merge (for a reader of every partition)
     */
    TopicReader(KafkaClients clients, String topic, int[] partitionIds, boolean follow, boolean contiguous,
                long after) {
        this.topic = topic;
        this.follow = follow;
        this.contiguous = contiguous;
        this.last = after;
        int n = partitionIds.length;
        this.partitions = new TopicPartition[n];
        for (int i = 0; i < n; i++) {
            partitions[i] = new TopicPartition(topic, partitionIds[i]);
            buffers.add(new ArrayDeque<>());
        }
        this.heads = new long[n];
        Arrays.fill(heads, -1);
        this.ends = new long[n];
        this.foreign = new ForeignRecordException[n];
        this.consumer = clients.committedReader();
        List<TopicPartition> list = Arrays.asList(partitions);
        consumer.assign(list);
        consumer.seekToBeginning(list);
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(list);
        for (int i = 0; i < n; i++) {
            ends[i] = follow ? Long.MAX_VALUE : endOffsets.get(partitions[i]);
        }
    }

    /**
     * Moves to the next record in index order, fetching for at most {@code wait} when none can be
     * handed out yet.
     *
     * @return the record (valid until the next call), or null when none can be handed out now
     * @throws ForeignRecordException when the next record in order would come after a foreign record
     */
    ConsumerRecord<byte[], byte[]> next(Duration wait) {
        ConsumerRecord<byte[], byte[]> r = take();
        if (r == null && !finished()) {
            fetch(wait);
            r = take();
        }
        return r;
    }

    /** The journal index of the record {@link #next} returned last. */
    long index() {
        return index;
    }

    /**
     * Without follow: true when every partition has been read to its end offset and nothing more can be handed out.
     *
     * @throws ForeignRecordException when what stops the reader is a foreign record
     */
    boolean finished() {
        if (follow) {
            return false;
        }
        for (int i = 0; i < partitions.length; i++) {
            if (consumer.position(partitions[i]) < ends[i] && foreign[i] == null) {
                return false;
            }
        }
        if (pick() >= 0) {
            return false;
        }
        for (int i = 0; i < partitions.length; i++) {
            if (heads[i] < 0 && foreign[i] != null) {
                throw foreign[i]; // everything before it is handed out
            }
        }
        return true;
    }

    private ConsumerRecord<byte[], byte[]> take() {
        int i = pick();
        if (i < 0) {
            return null;
        }
        ConsumerRecord<byte[], byte[]> r = buffers.get(i).poll();
        index = heads[i];
        last = index;
        refreshHead(i);
        return r;
    }

    /** The partition whose head goes next, or -1; drops heads that were handed out already (broadcast copies). */
    private int pick() {
        int best = -1;
        for (int i = 0; i < partitions.length; i++) {
            while (heads[i] >= 0 && heads[i] <= last && (contiguous || isBroadcast(buffers.get(i).peek()))) {
                buffers.get(i).poll();
                refreshHead(i);
            }
            if (heads[i] >= 0 && (best < 0 || heads[i] < heads[best])) {
                best = i;
            }
        }
        if (best < 0) {
            checkForeign();
            return -1;
        }
        long h = heads[best];
        if (contiguous && last >= 0 && h == last + 1) {
            return best;
        }
        if (contiguous && last >= 0 && Journal.DEFAULT_ROLL_CYCLE.toSequenceNumber(h) != 0) {
            checkForeign();
            return -1; // a hole inside a cycle: the rest of a transaction is still on its way
        }
        for (int i = 0; i < partitions.length; i++) {
            if (heads[i] < 0 && !drained(i)) {
                return -1;
            }
        }
        return best;
    }

    /** True when partition {@code i} holds nothing more that could come before the other partitions' heads. */
    private boolean drained(int i) {
        if (foreign[i] != null) {
            throw foreign[i];
        }
        if (!follow) {
            return consumer.position(partitions[i]) >= ends[i];
        }
        OptionalLong lag = consumer.currentLag(partitions[i]);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    private void checkForeign() {
        for (int i = 0; i < partitions.length; i++) {
            if (heads[i] < 0 && foreign[i] != null) {
                throw foreign[i];
            }
        }
    }

    private static boolean isBroadcast(ConsumerRecord<byte[], byte[]> r) {
        byte[] key = r.key();
        return key == null || key.length != KafkaRecordFormat.KEY_LENGTH || (key[0] | key[1]) == 0;
    }

    private void refreshHead(int i) {
        ConsumerRecord<byte[], byte[]> r = buffers.get(i).peek();
        heads[i] = r == null ? -1 : KafkaRecordFormat.index(r.headers());
    }

    private void fetch(Duration wait) {
        toPause.clear();
        toResume.clear();
        for (int i = 0; i < partitions.length; i++) {
            boolean hold = foreign[i] != null || buffers.get(i).size() > PAUSE_ABOVE
                    || consumer.position(partitions[i]) >= ends[i];
            (hold ? toPause : toResume).add(partitions[i]);
        }
        consumer.pause(toPause);
        consumer.resume(toResume);
        if (toResume.isEmpty()) {
            return;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(wait);
        if (records.isEmpty()) {
            return;
        }
        for (int i = 0; i < partitions.length; i++) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(partitions[i]);
            if (!list.isEmpty()) {
                accept(i, list);
            }
        }
    }

    private void accept(int i, List<ConsumerRecord<byte[], byte[]>> list) {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = buffers.get(i);
        for (ConsumerRecord<byte[], byte[]> r : list) {
            if (foreign[i] != null || r.offset() >= ends[i]) {
                break;
            }
            long idx = KafkaRecordFormat.index(r.headers());
            String problem = idx < 0 ? "no 8-byte " + KafkaRecordFormat.INDEX_HEADER + " header"
                    : KafkaRecordFormat.problem(r.value());
            if (problem != null) {
                foreign[i] = new ForeignRecordException(topic, partitions[i].partition(), r.offset(), problem);
                break;
            }
            buffer.add(r);
        }
        if (heads[i] < 0) {
            refreshHead(i);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }

    /** The partitions of {@code topic}, all of them, as ids. */
    static int[] allPartitions(KafkaClients clients, String topic) {
        int n = TopicAdmin.require(clients, topic);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /** Checks that {@code ids} are partitions of {@code topic}. */
    static void requirePartitions(KafkaClients clients, String topic, int[] ids) {
        int n = TopicAdmin.require(clients, topic);
        for (int id : ids) {
            if (id < 0 || id >= n) {
                throw new TickjournalException("--kafka-partitions: topic " + topic + " has partitions 0.."
                        + (n - 1) + ", not " + id);
            }
        }
    }
}
