package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.AbstractRecordReader;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalRecordLayout;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Journal records from some partitions of a topic, as a replay's record reader: a scale-out
 * member reads the partitions of its symbols only (every record of those partitions, in index
 * order, broadcast copies once) and validates, checks and counts each record exactly as a journal
 * reader does. Without follow it ends at the end offsets it saw at start, and {@link #poll}
 * returns 0 only there; following, 0 means nothing new yet.
 *
 * <p>Thread-confined. Each record is copied into one direct buffer and decoded there.
 */
public final class KafkaRecordSource extends AbstractRecordReader {
    private static final Duration FETCH_WAIT = Duration.ofMillis(50);
    /** Without follow: a broker silent this long while records are still due is reported. */
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(60);

    private final TopicReader reader;
    private final boolean follow;
    private final ByteBuffer direct = BufferUtil.allocateDirectAligned(
            JournalRecordLayout.HEADER_LENGTH + JournalRecordLayout.MAX_PAYLOAD_LENGTH, 64);
    private final UnsafeBuffer buffer = new UnsafeBuffer(direct);

    /** Reads {@code partitions} (null: all) of {@code topic}; with {@code follow}, until closed. */
    public KafkaRecordSource(KafkaClients clients, String topic, int[] partitions, boolean follow,
                             boolean verifyChecksums) {
        super(verifyChecksums);
        int[] ids = partitions == null ? TopicReader.allPartitions(clients, topic) : partitions;
        TopicReader.requirePartitions(clients, topic, ids);
        // All partitions merge contiguously (exact journal order); a subset has holes in its indexes.
        boolean all = ids.length == TopicAdmin.require(clients, topic);
        this.reader = new TopicReader(clients, topic, ids, follow, all, -1);
        this.follow = follow;
    }

    @Override
    public int poll(JournalRecordHandler handler, int maxRecords) {
        int n = 0;
        long lastProgress = System.nanoTime();
        while (n < maxRecords) {
            ConsumerRecord<byte[], byte[]> r = nextRecord();
            if (r == null) {
                if (n > 0 || follow || reader.finished()) {
                    return n;
                }
                if (System.nanoTime() - lastProgress > STALL_NS) {
                    throw new TickjournalException("kafka: no record for 60 s before the end offsets seen at start");
                }
                continue;
            }
            lastProgress = System.nanoTime();
            byte[] value = r.value();
            buffer.putBytes(0, value);
            decode(buffer.addressOffset(), value.length, reader.index(), handler);
            n++;
        }
        return n;
    }

    private ConsumerRecord<byte[], byte[]> nextRecord() {
        try {
            return reader.next(FETCH_WAIT);
        } catch (ForeignRecordException e) {
            throw e.asTickjournalException();
        }
    }

    /** Not supported: a topic is read from its start. */
    @Override
    public boolean moveToIndex(long index) {
        return false;
    }

    @Override
    public void close() {
        reader.close();
    }
}
