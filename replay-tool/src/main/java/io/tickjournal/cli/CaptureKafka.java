package io.tickjournal.cli;

import io.tickjournal.capture.CaptureSettings;
import io.tickjournal.config.SettingValues;
import io.tickjournal.kafka.BarsPublisher;
import io.tickjournal.kafka.JournalPublisher;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.kafka.PublisherThread;
import io.tickjournal.kafka.TransactionalPublisher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code capture --kafka HOST:PORT --topic T [--partitions N] [--kafka-config FILE] [--bars-topic B]}: the capture
 * publishes every record it journals (a following {@link JournalPublisher}) and, with a bars topic, every bar its
 * tailer closes (a following {@link BarsPublisher}), on a {@link PublisherThread} of their own, so a broker that is
 * away delays only that thread: the ingestor and tailer journal and apply as without Kafka. Each publisher resumes
 * after its topic's last committed record, so a capture restart (after kill -9 too) sends nothing twice.
 * Started and stopped by the capture command's main thread.
 */
final class CaptureKafka {
    /** How long a stopping capture waits for the publishers to commit the journal's end (the broker may be away). */
    private static final long FINISH_MS = 15_000;

    private final PublisherThread thread;
    private final JournalPublisher journal;

    private CaptureKafka(PublisherThread thread, JournalPublisher journal) {
        this.thread = thread;
        this.journal = journal;
    }

    /**
     * Checks the Kafka settings of {@code values} (the topic with the cluster, nothing without it) before anything
     * starts; returns the client settings, or null when {@code kafka} is not set.
     */
    static KafkaClients clients(SettingValues values) {
        String bootstrap = values.get(CaptureSettings.KAFKA);
        if (bootstrap == null) {
            if (values.get(CaptureSettings.TOPIC) != null || values.get(CaptureSettings.BARS_TOPIC) != null
                    || values.get(CaptureSettings.KAFKA_CONFIG) != null) {
                throw CaptureSettings.KAFKA.invalid("topic, bars-topic and kafka-config need kafka HOST:PORT");
            }
            return null;
        }
        if (values.get(CaptureSettings.TOPIC) == null) {
            throw CaptureSettings.TOPIC.invalid("required with kafka");
        }
        return new KafkaClients(bootstrap, values.get(CaptureSettings.KAFKA_CONFIG));
    }

    /** Starts publishing {@code journalDir} (and {@code state}'s bars) as {@code values} say. */
    static CaptureKafka start(KafkaClients clients, SettingValues values, Path journalDir, Path state,
                              Consumer<String> say) {
        JournalPublisher journal = new JournalPublisher(clients, new JournalPublisher.Settings(journalDir,
                values.get(CaptureSettings.TOPIC), values.get(CaptureSettings.PARTITIONS).intValue(), true), say);
        List<TransactionalPublisher> publishers = new ArrayList<>(List.of(journal));
        String bars = values.get(CaptureSettings.BARS_TOPIC);
        if (bars != null) {
            publishers.add(new BarsPublisher(clients, bars, state, true, BarsJson::encode, say));
        }
        say.accept("capture: publishing to kafka " + clients.bootstrap() + " topic " + values.get(CaptureSettings.TOPIC)
                + (bars == null ? "" : ", bars to topic " + bars));
        PublisherThread thread = PublisherThread.start(publishers,
                e -> say.accept("tickjournal: error: capture: kafka: " + e.getMessage() + " (journaling goes on)"));
        return new CaptureKafka(thread, journal);
    }

    /** After the daemon stopped: publishes to the journal's end (bounded wait), stops; returns a summary line. */
    String stop() {
        boolean all = thread.finish(FINISH_MS);
        thread.close();
        JournalPublisher.Summary s = journal.summary();
        return String.format("capture: kafka: %,d records published, last index %d%s", s.records(), s.lastIndex(),
                all ? "" : " (the rest is published by the next capture or publish --follow)");
    }
}
