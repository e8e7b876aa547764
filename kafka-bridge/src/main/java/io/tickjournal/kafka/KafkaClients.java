package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one place where Kafka client settings are made: the bootstrap address, the user's client
 * properties ({@code --kafka-config FILE}: SASL, TLS and any other Kafka client setting, applied
 * after tickjournal's defaults so they win) and the producer and consumer settings exactly-once needs,
 * which are applied last and cannot be overridden. Immutable; thread-safe.
 */
public final class KafkaClients {
    /** How long a client call waits for a broker before it reports the broker unreachable. */
    public static final int BROKER_WAIT_MS = 10_000;

    static {
        // The commands report broker trouble once, in their own words; the client's per-retry
        // warnings (one per reconnect attempt, every 50 ms to 1 s) would bury that line.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
    }

    private final String bootstrap;
    private final Properties user;

    /**
     * Settings for the cluster at {@code bootstrap} (HOST:PORT[,HOST:PORT...]), with the client
     * properties of {@code configFile} (null for none).
     */
    public KafkaClients(String bootstrap, Path configFile) {
        if (bootstrap == null || bootstrap.isBlank() || !bootstrap.contains(":")) {
            throw new TickjournalException("--kafka: '" + bootstrap + "' is not HOST:PORT");
        }
        this.bootstrap = bootstrap;
        this.user = new Properties();
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile)) {
                user.load(r);
            } catch (IOException e) {
                throw TickjournalException.io(configFile.toString(), e);
            }
        }
    }

    /** The bootstrap address. */
    public String bootstrap() {
        return bootstrap;
    }

    private Properties base() {
        Properties p = new Properties();
        p.putAll(user);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(BROKER_WAIT_MS));
        p.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /** An admin client. The caller closes it. */
    public Admin admin() {
        Properties p = base();
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(3 * BROKER_WAIT_MS));
        return Admin.create(p);
    }

    /**
     * A transactional, idempotent producer with id {@code transactionalId}.
     *
     * @param batching    1 MiB batches with 50 ms linger (off: 16 KiB batches sent at once, Kafka's defaults)
     * @param compression lz4-compressed batches (off: uncompressed)
     */
    public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId, boolean batching,
                                                                boolean compression) {
        Properties p = base();
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, batching ? Integer.toString(1 << 20) : "16384");
        // 50 ms, half a transaction (records are visible at its commit, which flushes anyway): on the 10M day 1.7
        // us of client CPU per record against 1.85 us with 5 ms, and 600-650k msg/s against 470-520k (2 pairs).
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, batching ? "50" : "0");
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression ? "lz4" : "none");
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(128 << 20));
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(BROKER_WAIT_MS));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(3 * BROKER_WAIT_MS));
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        // Exactly once: not overridable.
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer that sees committed records only, with no group: partitions are assigned by the caller. */
    public KafkaConsumer<byte[], byte[]> committedReader() {
        return committedReader(500);
    }

    /** As {@link #committedReader()}, a fetch waiting at most {@code fetchWaitMs} for records to arrive. */
    public KafkaConsumer<byte[], byte[]> committedReader(int fetchWaitMs) {
        Properties p = base();
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(fetchWaitMs));
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(3 * BROKER_WAIT_MS));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
