package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.config.SettingValues;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalCheck;
import io.tickjournal.journal.JournalDamage;
import io.tickjournal.replay.Cancellation;
import io.tickjournal.replay.LatencyBaseline;
import io.tickjournal.replay.Progress;
import io.tickjournal.replay.ReplayContext;
import io.tickjournal.replay.ReplaySettings;
import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.ReplaySummaryJson;
import io.tickjournal.replay.Replayer;
import io.tickjournal.replay.StageLatency;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tickjournal replay}: rebuild books, VWAP, the state map and bars from a journal. Its settings
 * ({@link ReplaySettings}) are options {@code --key VALUE} and keys of the {@code --config FILE} (flat YAML); a
 * flag wins over the file. The Kafka and FIX options are flags only (shared with the commands they come from).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, modelTransformer = ReplayCommand.Options.class,
        description = {"Rebuild the state (order books, VWAP, per-symbol map, bars) from the start of a journal",
                "into a fresh state directory, and print a summary with the determinism digest.",
                "Exit codes: 0 done; 1 bad records found or a latency regression against --baseline;",
                "2 bad usage or unreadable input; 130 interrupted (Ctrl-C): the state is readable and holds",
                "whole windows up to where the replay stopped (state.properties says complete=false).",
                "The replay options below (not --kafka*, --topic, --fix-*) are also keys of the --config file; "
                        + "a flag wins over the file."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings (keys as the options below, e.g. 'window-ms: 1000', 'follow: true')")
    Path config;

    @picocli.CommandLine.Mixin
    KafkaReplayOptions kafka;

    @picocli.CommandLine.Mixin
    FixServeOptions fix;

    @Option(names = "--inline-writes", hidden = true,
            description = "with one shard, append bars and write the map on the replay thread (measurement)")
    boolean inlineWrites;

    @CommandLine.Spec
    CommandSpec spec;

    private SettingValues values;

    @Override
    public Integer call() {
        values = SettingOptions.read(spec, config, new ReplayContext().values());
        Path journal = values.get(ReplaySettings.JOURNAL);
        Replayer.Options o = new ReplayContext(values).conclude(kafka.journalOr(journal), inlineWrites);
        Path baseline = values.get(ReplaySettings.BASELINE);
        LatencyBaseline base = baseline == null ? null : LatencyBaseline.read(baseline);
        if (!kafka.active()) {
            Journal.requireJournal(journal);
        }
        Path state = o.state();
        Cancellation cancel = new Cancellation();
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C / SIGTERM: stop the threads, let them flush and close the state and the summary
            // be printed, then let the JVM go.
            cancel.cancel();
            try {
                if (!reported.await(15, TimeUnit.SECONDS)) {
                    System.err.println("tickjournal: replay did not stop within 15 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        io.tickjournal.fix.FixGateway fixGateway = null;
        try {
            // --fix-port: clients are served while the replay writes the state; the sessions end with the replay
            fixGateway = fix.enabled() ? fix.start(state, System.err::println) : null;
            return runAndReport(o, cancel, base);
        } finally {
            if (fixGateway != null) {
                fixGateway.close();
            }
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
    }

    private int runAndReport(Replayer.Options o, Cancellation cancel, LatencyBaseline base) {
        LiveBars live = kafka.liveBars(o.state(), o.follow());
        ReplaySummary s;
        try {
            s = Replayer.run(o, kafka.source(o.follow()), System.err::println, cancel,
                    Progress.forStderr(System.err, kafka.active() ? -1 : estimateMessages(o.journal())));
        } catch (RuntimeException e) {
            if (live != null) {
                live.stop();
            }
            throw e;
        }
        print(s, System.out);
        String bars = s.cancelled() && live == null ? null : kafka.publishBars(o.state(), live);
        if (bars != null) {
            System.out.println(bars);
        }
        System.out.flush();
        Path summaryJson = values.get(ReplaySettings.SUMMARY_JSON);
        if (summaryJson != null) {
            try {
                Files.writeString(summaryJson, JsonOutput.write(ReplaySummaryJson.toMap(s)) + "\n");
            } catch (IOException e) {
                throw TickjournalException.io(summaryJson.toString(), e);
            }
        }
        int code = s.checksumFailures() + s.malformedRecords() > 0 ? TickjournalCommand.PROBLEM : TickjournalCommand.OK;
        for (JournalDamage d : s.unread()) {
            System.err.println("tickjournal: error: the replay stopped before the written end of the journal: " + d);
            code = TickjournalCommand.PROBLEM;
        }
        if (base != null) {
            double regressionFactor = values.get(ReplaySettings.REGRESSION_FACTOR);
            List<String> regressions = base.regressions(s.latency(), regressionFactor);
            if (regressions.isEmpty()) {
                System.out.printf("baseline      no regression against %s (factor %.1f)%n",
                        values.get(ReplaySettings.BASELINE), regressionFactor);
            } else {
                regressions.forEach(r -> System.out.println("REGRESSION    " + r));
                code = TickjournalCommand.PROBLEM;
            }
        }
        return s.cancelled() ? 130 : code;
    }

    /** Records in the journal as its cycle headers count them, for the progress bar; -1 if it cannot tell. */
    static long estimateMessages(Path journal) {
        // From the cycle headers, checked byte for byte first: never through Chronicle, which would
        // follow a damaged header's offsets unchecked.
        try {
            return JournalCheck.estimateRecords(journal);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static void print(ReplaySummary s, PrintStream out) {
        out.printf("messages      %,d%n", s.messages());
        out.printf("throughput    %,.0f msg/s (%.2f s, tailer %s)%n", s.messagesPerSecond(), s.seconds(), s.pinning());
        out.printf("symbols       %,d%n", s.symbols());
        out.printf("trades        %,d counted, %,d broken%n", s.countedTrades(), s.brokenTrades());
        out.printf("bars          %,d (%d ms windows)%n", s.bars(), s.windowMs());
        if (s.anomalies() || s.unknownBrokenTrades() > 0) {
            out.printf("anomalies     checksum %,d, malformed %,d, unknown type %,d, bad length %,d, "
                            + "unknown order ref %,d, duplicate order ref %,d, unknown broken trade %,d, gaps %,d%n",
                    s.checksumFailures(), s.malformedRecords(), s.unknownTypes(), s.badLengths(),
                    s.unknownOrderRefs(), s.duplicateOrderRefs(), s.unknownBrokenTrades(), s.gaps());
        }
        if (s.shards() > 1) {
            out.printf("shards        %d (bar resequencer waited %,d times)%n", s.shards(), s.resequencerWaits());
        }
        if (!"whole journal".equals(s.range()) || !"max".equals(s.pace())) {
            out.printf("range         %s, pace %s%n", s.range(), s.pace());
        }
        if (!s.latency().isEmpty()) {
            out.printf("latency ns    %-6s %10s %10s %10s %10s %10s %10s %10s%n", "stage", "count", "p50", "p90", "p99",
                    "p99.9", "p99.99", "max");
            for (Map.Entry<String, StageLatency.Percentiles> e : s.latency().entrySet()) {
                StageLatency.Percentiles p = e.getValue();
                out.printf("              %-6s %,10d %,10d %,10d %,10d %,10d %,10d %,10d%n", e.getKey(), p.count(),
                        p.p50(),
                        p.p90(), p.p99(), p.p999(), p.p9999(), p.max());
            }
        }
        if (s.cancelled()) {
            out.println("cancelled     stopped before the end; the state holds whole windows up to there");
        }
        out.printf("digest        %s%n", s.digest());
        out.printf("state         %s%n", s.state());
    }

    /** Adds an option for each of {@link ReplaySettings#ALL} (picocli calls it once, building the command). */
    static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            return SettingOptions.add(commandSpec, ReplaySettings.ALL);
        }
    }
}
