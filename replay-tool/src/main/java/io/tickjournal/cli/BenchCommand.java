package io.tickjournal.cli;

import io.tickjournal.engine.CorePinning;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.replay.FloorBenchmark;
import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.Replayer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * {@code tickjournal bench}: end-to-end throughput on one generated day, side by side with the
 * floor (a plain Chronicle Queue append/read loop of the same excerpt bytes). Each stage runs
 * {@code --runs} times and the median is reported, since this machine is shared and noisy.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure import and replay messages/s against the Chronicle Queue floor on a generated day,",
                "and the tailer's allocation per message after warm-up."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--messages", defaultValue = "10000000", paramLabel = "N", description = "messages in the day (default: ${DEFAULT-VALUE})")
    long messages;

    @Option(names = "--symbols", defaultValue = "500", paramLabel = "N", description = "symbols (default: ${DEFAULT-VALUE})")
    int symbols;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "runs per stage, median reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--dir", paramLabel = "DIR", description = "work directory (default: target/bench under the project)")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.json", description = "also write the results as JSON")
    Path out;

    @Override
    public Integer call() throws IOException {
        Cli.requirePositive("--messages", messages);
        Cli.requirePositive("--runs", runs);
        Path work = dir != null ? dir : Demo.home().resolve("target").resolve("bench");
        Files.createDirectories(work);
        Path itch = work.resolve("day-" + messages + "-" + symbols + "-" + seed + ".itch");
        if (!Files.exists(itch)) {
            System.err.printf("bench: generating %,d messages into %s%n", messages, itch);
            new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(itch);
        }
        System.err.printf("bench: %s, %d runs per stage%n", itch, runs);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("messages", messages);
        results.put("bytes", Files.size(itch));

        Path floorDir = work.resolve("floor");
        double floorAppend = median(() -> {
            delete(floorDir);
            return timed(() -> FloorBenchmark.append(itch, floorDir));
        });
        long[] sum = new long[1];
        double floorRead = median(() -> timed(() -> FloorBenchmark.read(floorDir, sum)));
        delete(floorDir);

        Path journal = work.resolve("journal");
        double importRate = median(() -> {
            delete(journal);
            return timed(() -> {
                try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
                    ImportReport r = new BinaryFileIngestor().importFile(itch, w, null);
                    return r.messages();
                }
            });
        });

        Path state = work.resolve("state");
        ReplaySummary[] last = new ReplaySummary[1];
        double replayRate = median(() -> {
            // Sized for the day (as an operator sizes for a known feed): no capacity growth after warm-up.
            int expected = (int) Math.min(Integer.MAX_VALUE / 4, messages / 2);
            ReplaySummary s = Replayer.run(new Replayer.Options(journal, state, 100, CorePinning.Mode.AUTO, true,
                    Math.max(1 << 16, expected / 8), Math.max(1 << 16, expected)), line -> { });
            last[0] = s;
            return s.messagesPerSecond();
        });

        results.put("floor_append_mps", Math.round(floorAppend));
        results.put("floor_read_mps", Math.round(floorRead));
        results.put("import_mps", Math.round(importRate));
        results.put("replay_mps", Math.round(replayRate));
        results.put("replay_alloc_bytes_per_msg_after_warmup", last[0].allocatedBytesPerMessage());
        results.put("replay_digest", last[0].digest());
        results.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("cpus", Runtime.getRuntime().availableProcessors());

        System.out.printf("%-34s %14s %10s%n", "stage", "msg/s", "vs floor");
        System.out.printf("%-34s %,14.0f %10s%n", "floor: queue append (no decode)", floorAppend, "1.00");
        System.out.printf("%-34s %,14.0f %10.2f%n", "import: file -> journal", importRate, importRate / floorAppend);
        System.out.printf("%-34s %,14.0f %10s%n", "floor: queue read (no decode)", floorRead, "1.00");
        System.out.printf("%-34s %,14.0f %10.2f%n", "replay: books+VWAP+map+bars", replayRate, replayRate / floorRead);
        System.out.printf("replay allocation after warm-up: %.4f bytes/message (tailer thread)%n",
                last[0].allocatedBytesPerMessage());
        System.out.printf("machine: %d CPUs, %s; tailer %s%n", Runtime.getRuntime().availableProcessors(),
                results.get("java"), last[0].pinning());
        if (out != null) {
            Files.writeString(out, Json.write(results) + "\n");
            System.out.println("results: " + out);
        }
        return TickjournalCommand.OK;
    }

    private static double timed(LongSupplier work) {
        long start = System.nanoTime();
        long n = work.getAsLong();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private double median(java.util.function.DoubleSupplier run) {
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = run.getAsDouble();
        }
        Arrays.sort(rates);
        return rates[runs / 2];
    }

    private static void delete(Path p) {
        IoUtil.delete(p.toFile(), false);
    }
}
