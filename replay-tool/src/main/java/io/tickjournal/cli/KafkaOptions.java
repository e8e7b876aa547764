package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.kafka.KafkaClients;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every Kafka command shares: the cluster, the topic and the client properties file. */
final class KafkaOptions {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap address")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "T", description = "topic of the journal's records")
    String topic;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (SASL, TLS, ...), applied to every client")
    Path config;

    /** True when {@code --kafka} was given. */
    boolean active() {
        return bootstrap != null;
    }

    /** The client settings; {@code --kafka} and {@code --topic} are required here. */
    KafkaClients clients() {
        if (bootstrap == null || topic == null || topic.isBlank()) {
            throw new TickjournalException("--kafka HOST:PORT and --topic T are both required");
        }
        return new KafkaClients(bootstrap, config);
    }
}
