package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.kafka.BarsPublisher;
import io.tickjournal.kafka.KafkaClients;
import io.tickjournal.kafka.KafkaRecordSource;
import io.tickjournal.replay.Replayer;
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

    /**
     * Following with {@code --bars-topic}: starts publishing the state's bars as the replay closes their windows;
     * null otherwise. Hand the result to {@link #publishBars} when the replay ends.
     */
    LiveBars liveBars(Path state, boolean follow) {
        if (barsTopic == null || !follow) {
            return null;
        }
        return LiveBars.publishing(state, clients(), barsTopic);
    }

    /**
     * After the replay: publishes the state's bars to {@code --bars-topic}, if given (following, the rest of the
     * {@code live} ones); a line for stdout, or null.
     */
    String publishBars(Path state, LiveBars live) {
        if (barsTopic == null) {
            return null;
        }
        long n = live != null ? live.stop() : new BarsPublisher(clients(), barsTopic, state, false,
                BarsJson::encode, System.err::println).publishAll();
        return String.format("bars topic    %s: %,d bars published", barsTopic, n);
    }

    private KafkaClients clients() {
        if (!kafka.active()) {
            throw new TickjournalException("--bars-topic needs --kafka HOST:PORT");
        }
        return new KafkaClients(kafka.bootstrap, kafka.config);
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
