package io.tickjournal.cli;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.kafka.BarsPublisher;
import io.tickjournal.kafka.JournalPublisher;
import io.tickjournal.replay.Replayer;
import io.tickjournal.vwap.VwapEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal publish}: a journal's records to a Kafka topic, exactly once. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish every journal record to a Kafka topic, exactly once (transactional producer):",
                "value = the journaled bytes, key = stock locate, header tj-index = journal index (docs/kafka.md).",
                "A restart (after kill -9 too) continues after the topic's last committed record.",
                "Exit codes: 0 done (or stopped by SIGTERM with --follow); 2 bad usage, unreadable journal,",
                "unreachable broker."})
final class PublishCommand implements Callable<Integer> {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "partitions of the topic when it is created (default: 1; an existing topic keeps its own)")
    int partitions;

    @Option(names = "--follow", description = "keep up with a journal still being written until SIGTERM")
    boolean follow;

    @Option(names = "--no-batching", negatable = false, description = "Kafka's default 16 KiB batches, no linger")
    boolean noBatching;

    @Option(names = "--no-compression", negatable = false, description = "uncompressed batches (default: lz4)")
    boolean noCompression;

    @Option(names = "--transaction-records", defaultValue = "200000", paramLabel = "N",
            description = "most records per transaction (default: ${DEFAULT-VALUE})")
    int transactionRecords;

    @Option(names = "--transaction-ms", defaultValue = "100", paramLabel = "MS",
            description = "longest a transaction stays open (default: ${DEFAULT-VALUE})")
    long transactionMs;

    @Option(names = "--bars-topic", paramLabel = "B",
            description = "also replay the journal into --state and publish its bars to topic B (JSON per bar); "
                    + "with --follow as the windows close")
    String barsTopic;

    @Option(names = "--state", paramLabel = "DIR", description = "with --bars-topic: the state directory to build")
    Path state;

    @Override
    public Integer call() {
        if ((barsTopic == null) != (state == null)) {
            throw new io.tickjournal.TickjournalException("--bars-topic and --state go together");
        }
        if (partitions < 0 || transactionRecords < 1 || transactionMs < 1) {
            throw new io.tickjournal.TickjournalException(
                    "--partitions must be >= 0, --transaction-records and --transaction-ms >= 1");
        }
        JournalPublisher.Settings s = new JournalPublisher.Settings(journal, kafka.topic, partitions, follow,
                !noBatching, !noCompression, transactionRecords, transactionMs, 120_000);
        StopSignal stop = StopSignal.listen();
        LiveBars live = follow && barsTopic != null ? LiveBars.start(journal, state, kafka.clients(), barsTopic)
                : null;
        try {
            JournalPublisher.Summary r = new JournalPublisher(kafka.clients(), s, System.err::println)
                    .run(stop::requested);
            System.out.printf("records       %,d%n", r.records());
            System.out.printf("throughput    %,.0f msg/s (%.2f s)%n", r.recordsPerSecond(), r.seconds());
            System.out.printf("bytes         %,d%n", r.bytes());
            System.out.printf("resumed       %s%n", r.resumedAfter() < 0 ? "no (empty topic)"
                    : "after index " + r.resumedAfter());
            System.out.printf("last index    %d%n", r.lastIndex());
            if (r.reconnects() > 0) {
                System.out.printf("reconnects    %d%n", r.reconnects());
            }
            if (live != null) {
                System.out.printf("bars topic    %s: %,d bars published%n", barsTopic, live.stop());
                live = null;
            } else if (barsTopic != null && !stop.requested()) {
                Replayer.run(new Replayer.Options(journal, state, VwapEngine.DEFAULT_WINDOW_MS, CorePinning.Mode.AUTO,
                        true), line -> { });
                long n = new BarsPublisher(kafka.clients(), barsTopic, state, false, BarsJson::encode,
                        System.err::println).publishAll();
                System.out.printf("bars topic    %s: %,d bars published%n", barsTopic, n);
            }
            return TickjournalCommand.OK;
        } finally {
            if (live != null) {
                live.stop();
            }
            stop.close();
        }
    }
}
