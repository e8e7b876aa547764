package io.tickjournal.cli;

import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal replay}: rebuild books, VWAP, the state map and bars from a journal. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild the state (order books, VWAP, per-symbol map, bars) from the start of a journal",
                "into a fresh state directory, and print a summary with the determinism digest."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

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
            description = "counted trades to size the match-number index (for B) for; it grows beyond (default: ${DEFAULT-VALUE})")
    int expectedTrades;

    @Option(names = "--no-verify-checksums", negatable = false,
            description = "skip the CRC32C check of each record (faster; corruption goes unnoticed)")
    boolean noChecksums;

    @Override
    public Integer call() {
        ReplaySummary s = Replayer.run(new Replayer.Options(journal, state, windowMs, Cli.pinMode(pin), !noChecksums,
                expectedOrders, expectedTrades),
                System.err::println);
        print(s, System.out);
        return s.checksumFailures() + s.malformedRecords() > 0 ? TickjournalCommand.PROBLEM : TickjournalCommand.OK;
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
        out.printf("digest        %s%n", s.digest());
        out.printf("state         %s%n", s.state());
    }
}
