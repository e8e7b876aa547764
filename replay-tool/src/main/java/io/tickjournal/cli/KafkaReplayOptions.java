package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.kafka.BarsPublisher;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.kafka.KafkaRecordSource;
import io.tickjournal.replay.Replayer;
import io.tickjournal.state.StateDirectory;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code replay --kafka HOST:PORT --topic T --kafka-partitions 0,2}: a scale-out member replays the
 * records of some partitions of a published topic instead of a journal (docs/kafka.md "Scale-out").
 */
final class KafkaReplayOptions {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--kafka-partitions", split = ",", paramLabel = "P,...",
            description = "with --kafka: the partitions to replay (default: all)")
    List<Integer> partitions;

    @Option(names = "--bars-topic", paramLabel = "B",
            description = "with --kafka: publish the replay's bars to topic B (one JSON record per bar, transactional)")
    String barsTopic;

    /** True when the replay reads a topic ({@code --kafka} with {@code --topic}) instead of a journal. */
    boolean active() {
        return kafka.active() && kafka.topic != null;
    }

    /** After the replay: publishes the state's bars to {@code --bars-topic}, if given; a line for stdout, or null. */
    String publishBars(Path state) {
        if (barsTopic == null) {
            return null;
        }
        if (!kafka.active()) {
            throw new TickjournalException("--bars-topic needs --kafka HOST:PORT");
        }
        try (SingleChronicleQueue bars = StateDirectory.existing(state).openBarsQueue()) {
            long n = new BarsPublisher(new KafkaClients(kafka.bootstrap, kafka.config), barsTopic)
                    .publish(bars, BarsJson::encode);
            return String.format("bars topic    %s: %,d bars published", barsTopic, n);
        }
    }

    /** The journal path to record in the state: {@code journal}, or a {@code kafka:} label for a topic. */
    Path journalOr(Path journal) {
        if (!active()) {
            if (journal == null) {
                throw new TickjournalException("replay needs --journal DIR (or --kafka HOST:PORT --topic T)");
            }
            return journal;
        }
        if (journal != null) {
            throw new TickjournalException("--journal and --kafka are alternatives: give one");
        }
        return Path.of("kafka:" + kafka.bootstrap + "," + kafka.topic + "," + (partitions == null ? "all"
                : String.join("+", partitions.stream().map(String::valueOf).toList())));
    }

    /** The record source of the replay: null for the journal, or the topic's partitions. */
    Replayer.RecordSource source(boolean follow) {
        if (!active()) {
            if (partitions != null) {
                throw new TickjournalException("--kafka-partitions needs --kafka");
            }
            return null;
        }
        KafkaClients clients = kafka.clients();
        int[] ids = partitions == null ? null : partitions.stream().mapToInt(Integer::intValue).toArray();
        String topic = kafka.topic;
        return verify -> new KafkaRecordSource(clients, topic, ids, follow, verify);
    }
}
