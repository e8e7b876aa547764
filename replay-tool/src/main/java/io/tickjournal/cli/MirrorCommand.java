package io.tickjournal.cli;

import io.tickjournal.kafka.ForeignRecordException;
import io.tickjournal.kafka.JournalMirror;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tickjournal mirror}: a journal written back from a Kafka topic, byte for byte, at the source's indexes. */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = {"Journal every committed record of a Kafka topic (read_committed), merged by tj-index with",
                "the broadcast copies dropped, byte for byte at the source's indexes. A restart continues after",
                "the journal's last index. Without --follow it copies what was committed when it started.",
                "Exit codes: 0 done; 1 the topic holds a record that is not a tickjournal record (named by",
                "partition and offset; nothing after it is journaled); 2 bad usage, unreachable broker."})
final class MirrorCommand implements Callable<Integer> {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory to write")
    Path journal;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--follow", description = "keep copying new records until SIGTERM")
    boolean follow;

    @Option(names = "--latency-rate", paramLabel = "MSGS_PER_S",
            description = "measure capture-to-mirror latency per record (receive time in its header to its write here),"
                    + " corrected for coordinated omission at this feed rate; 0: uncorrected")
    Long latencyRate;

    @Override
    public Integer call() {
        StopSignal stop = StopSignal.listen();
        try {
            JournalMirror mirror = new JournalMirror(kafka.clients(), kafka.topic, journal, follow);
            Histogram latency = latencyRate == null ? null : new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            if (latency != null) {
                mirror.measureLatency(latency);
            }
            JournalMirror.Summary r = mirror.run(stop::requested);
            System.out.printf("records       %,d%n", r.records());
            System.out.printf("throughput    %,.0f msg/s (%.2f s)%n", r.recordsPerSecond(), r.seconds());
            System.out.printf("bytes         %,d%n", r.bytes());
            if (latency != null && latency.getTotalCount() > 0) {
                printLatency("latency us   ", latency, "raw");
                if (latencyRate > 0) {
                    printLatency("latency us   ", latency.copyCorrectedForCoordinatedOmission(
                            1_000_000_000L / latencyRate), "coordinated omission corrected");
                }
            }
            return TickjournalCommand.OK;
        } catch (ForeignRecordException e) {
            System.err.println("tickjournal: mirror: " + e.getMessage());
            return TickjournalCommand.PROBLEM;
        } finally {
            stop.close();
        }
    }

    private static void printLatency(String label, Histogram h, String kind) {
        System.out.printf("%s p50 %,.1f p99 %,.1f p99.9 %,.1f max %,.1f (%,d values, %s)%n", label,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getMaxValue() / 1e3, h.getTotalCount(), kind);
    }
}
