package io.tickjournal.kafka;

import io.tickjournal.journal.EpochClock;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.InternalAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Writes a journal back from a topic: every partition read {@code read_committed}, merged by
 * {@code tj-index} with the broadcast copies dropped ({@link TopicReader}), each record journaled
 * byte for byte at its own index (Chronicle's {@link InternalAppender#writeBytes(long,
 * net.openhft.chronicle.bytes.BytesStore)}), so the mirror's indexes are the source's. Restarted,
 * it continues after the journal's last index; a record already there is never written twice.
 *
 * <p>Runs on the calling thread; one mirror per journal.
 */
public final class JournalMirror {
    /**
     * What a run did.
     *
     * @param records   records journaled by this run
     * @param bytes     their bytes
     * @param startedAfter the journal's last index when the run started (-1: empty)
     * @param seconds   wall time
     */
    public record Summary(long records, long bytes, long startedAfter, double seconds) {
        /** Records per second of wall time. */
        public double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClients clients;
    private final String topic;
    private final Path journal;
    private final boolean follow;
    private Histogram latency;

    /** A mirror of {@code topic} into {@code journal}; with {@code follow}, until stopped. */
    public JournalMirror(KafkaClients clients, String topic, Path journal, boolean follow) {
        this.clients = clients;
        this.topic = topic;
        this.journal = journal;
        this.follow = follow;
    }

    /**
     * Measures, for each record journaled, the time from its capture (the receive time in its header,
     * epoch ns) to its write here: capture, journal, publish, broker and mirror. Raw values, one per
     * record: correct for coordinated omission afterwards with
     * {@link Histogram#copyCorrectedForCoordinatedOmission} (per record it would cost a loop as long
     * as the latency over the feed's interval: 10^6 iterations for a 10 s latency at 100k msg/s).
     * Call before {@link #run}.
     */
    public void measureLatency(Histogram histogram) {
        this.latency = histogram;
    }

    /**
     * Copies what was committed when it started (following: until {@code stop}).
     *
     * @throws ForeignRecordException after journaling every record before the first foreign one
     */
    public Summary run(BooleanSupplier stop) {
        int[] partitions = TopicReader.allPartitions(clients, topic);
        long started = System.nanoTime();
        long records = 0;
        long bytes = 0;
        try (SingleChronicleQueue queue = Journal.openForWrite(journal);
             InternalAppender appender = (InternalAppender) queue.createAppender()) {
            appender.singleThreadedCheckDisabled(true);
            long after = lastIndex(queue);
            Bytes<?> buffer = Bytes.allocateElasticDirect(1 << 17);
            try (TopicReader reader = new TopicReader(clients, topic, partitions, follow, true, after)) {
                while (!stop.getAsBoolean()) {
                    ConsumerRecord<byte[], byte[]> r = reader.next(POLL);
                    if (r == null) {
                        if (reader.finished()) {
                            break;
                        }
                        continue;
                    }
                    byte[] value = r.value();
                    buffer.clear();
                    buffer.write(value);
                    appender.writeBytes(reader.index(), buffer);
                    if (latency != null) {
                        record(value);
                    }
                    records++;
                    bytes += value.length;
                }
            } finally {
                buffer.releaseLast();
            }
            return new Summary(records, bytes, after, (System.nanoTime() - started) / 1e9);
        }
    }

    private void record(byte[] value) {
        long rx = 0;
        for (int i = 7; i >= 0; i--) {
            rx = (rx << 8) | (value[JournalRecordLayout.RECEIVE_TIME_OFFSET + i] & 0xFF); // little-endian
        }
        long ns = Math.max(0, Math.min(EpochClock.PROCESS.nowNs() - rx, latency.getHighestTrackableValue()));
        latency.recordValue(ns);
    }

    /** The last index in {@code queue}, or -1 when it is empty. */
    static long lastIndex(SingleChronicleQueue queue) {
        try (ExcerptTailer t = queue.createTailer()) {
            t.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = t.readingDocument()) {
                return dc.isPresent() ? dc.index() : -1;
            }
        }
    }
}
