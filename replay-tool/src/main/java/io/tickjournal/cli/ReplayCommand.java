package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalCheck;
import io.tickjournal.journal.JournalDamage;
import io.tickjournal.replay.Cancellation;
import io.tickjournal.replay.LatencyBaseline;
import io.tickjournal.replay.Pace;
import io.tickjournal.replay.Progress;
import io.tickjournal.replay.ReplayRange;
import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.ReplaySummaryJson;
import io.tickjournal.replay.Replayer;
import io.tickjournal.replay.StageLatency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tickjournal replay}: rebuild books, VWAP, the state map and bars from a journal. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild the state (order books, VWAP, per-symbol map, bars) from the start of a journal",
                "into a fresh state directory, and print a summary with the determinism digest.",
                "Exit codes: 0 done; 1 bad records found or a latency regression against --baseline;",
                "2 bad usage or unreadable input; 130 interrupted (Ctrl-C): the state is readable and holds",
                "whole windows up to where the replay stopped (state.properties says complete=false)."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--journal", paramLabel = "DIR", description = "journal directory (or --kafka)")
    Path journal;

    @picocli.CommandLine.Mixin
    KafkaReplayOptions kafka;

    @Option(names = "--state", required = true, paramLabel = "DIR",
            description = "state directory to (re)build; a previous state there is replaced")
    Path state;

    @Option(names = "--window-ms", defaultValue = "100", paramLabel = "MS",
            description = "bar window in ms of ITCH time (default: ${DEFAULT-VALUE})")
    long windowMs;

    @Option(names = "--pin", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "pin the tailer thread to a core: auto pins when a core is free (default: ${DEFAULT-VALUE})")
    String pin;

    @Option(names = "--expected-orders", defaultValue = "1048576", paramLabel = "N",
            description = "live orders to size the order index for; it grows beyond (default: ${DEFAULT-VALUE})")
    int expectedOrders;

    @Option(names = "--expected-trades", defaultValue = "1048576", paramLabel = "N",
            description = "counted trades to size the match-number index (for B) for; it grows beyond (default: "
                    + "${DEFAULT-VALUE})")
    int expectedTrades;

    @Option(names = "--no-verify-checksums", negatable = false,
            description = "skip the CRC32C check of each record (faster; corruption goes unnoticed)")
    boolean noChecksums;

    @Option(names = "--from", paramLabel = "TIME|index:N",
            description = "write bars from this ITCH event time (HH:MM[:SS[.fffffffff]]) or journal index on; "
                    + "earlier messages still build the books")
    String from;

    @Option(names = "--to", paramLabel = "TIME|index:N",
            description = "stop before the first message at or past this event time or journal index")
    String to;

    @Option(names = "--symbols", split = ",", paramLabel = "SYM,...", description = "replay only these symbols")
    List<String> symbols;

    @Option(names = "--pace", defaultValue = "max", paramLabel = "max|realtime|xN",
            description = "flat out, as the ITCH timestamps say, or N times faster (default: ${DEFAULT-VALUE})")
    String pace;

    @Option(names = "--follow",
            description = "after the history, keep up with a journal still being written until stopped")
    boolean follow;

    @Option(names = "--shards", defaultValue = "1", paramLabel = "N",
            description = "tailer threads, each owning a share of the symbols; the bar stream is identical "
                    + "(default: ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--latency", negatable = true,
            description = "measure per-stage latency (default: on with --pace realtime|xN, --histogram or --baseline)")
    Boolean latency;

    @Option(names = "--latency-sample", defaultValue = "64", paramLabel = "N",
            description = "time the stages of one message in N, a power of 2 (clock reads are not free) "
                    + "(default: ${DEFAULT-VALUE})")
    int latencySample;

    @Option(names = "--histogram", paramLabel = "FILE.hlog",
            description = "write interval histograms per stage (HistogramLogWriter; read with "
                    + "HistogramLogProcessor -tag STAGE)")
    Path histogram;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "write the summary as JSON (usable as a --baseline)")
    Path summaryJson;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "compare stage latencies with a saved --summary-json; exit 1 on a regression")
    Path baseline;

    @Option(names = "--regression-factor", defaultValue = "2.0", paramLabel = "F",
            description = "a percentile regresses when above F times its baseline (default: ${DEFAULT-VALUE})")
    double regressionFactor;

    @picocli.CommandLine.Mixin
    FixServeOptions fix;

    @Option(names = "--resequence", hidden = true,
            description = "route bars through the resequencer with one shard (cost measurement)")
    boolean resequence;

    @Override
    public Integer call() {
        Pace p = Pace.parse(pace);
        ReplayRange range = ReplayRange.parse(from, to);
        LatencyBaseline base = baseline == null ? null : LatencyBaseline.read(baseline);
        boolean measure = latency != null ? latency : p.paced() || histogram != null || baseline != null;
        if (!measure && (histogram != null || baseline != null)) {
            throw new TickjournalException("--histogram and --baseline need latency measurement (drop --no-latency)");
        }
        Set<String> selected = new LinkedHashSet<>();
        if (symbols != null) {
            symbols.forEach(sym -> selected.add(sym.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        Path source = kafka.journalOr(journal);
        Replayer.Options o = new Replayer.Options(source, state, windowMs, Cli.pinMode(pin), !noChecksums,
                expectedOrders, expectedTrades, range, selected, p, follow, shards, measure, latencySample, histogram,
                resequence);
        if (!kafka.active()) {
            Journal.requireJournal(journal);
        }
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
        LiveBars live = kafka.liveBars(state, follow);
        ReplaySummary s;
        try {
            s = Replayer.run(o, kafka.source(follow), System.err::println, cancel,
                    Progress.forStderr(System.err, kafka.active() ? -1 : estimateMessages(journal)));
        } catch (RuntimeException e) {
            if (live != null) {
                live.stop();
            }
            throw e;
        }
        print(s, System.out);
        String bars = s.cancelled() && live == null ? null : kafka.publishBars(state, live);
        if (bars != null) {
            System.out.println(bars);
        }
        System.out.flush();
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
            List<String> regressions = base.regressions(s.latency(), regressionFactor);
            if (regressions.isEmpty()) {
                System.out.printf("baseline      no regression against %s (factor %.1f)%n", baseline, regressionFactor);
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
}
