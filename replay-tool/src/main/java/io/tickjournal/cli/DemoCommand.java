package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.replay.ReplaySummary;
import io.tickjournal.replay.Replayer;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.storage.OwnerLock;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickjournal demo}: import the bundled sample, replay it, show the most active symbols. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import the bundled sample day (data/sample), replay it, and show the most active symbols,",
                "throughput and the determinism digest."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "where to put the journal and state (default: target/demo under the project)")
    Path dir;

    @Option(names = "--messages", paramLabel = "N",
            description = "generate a fresh day of N messages instead of using the bundled sample")
    Long messages;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "symbols to show (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() throws IOException {
        Path home = Demo.home();
        Path work = dir != null ? dir : home.resolve("target").resolve("demo");
        // One demo per directory: a second one would delete and rewrite the first's journal under it (the
        // first then printed a digest that differed from the golden one).
        try (OwnerLock lock = OwnerLock.acquire(work, "demo directory")) {
            return run(home, work);
        }
    }

    private int run(Path home, Path work) throws IOException {
        Path journal = work.resolve("journal");
        Path state = work.resolve("state");
        deleteJournal(journal);

        Path itch = home.resolve(Demo.SAMPLE);
        boolean bundled = messages == null && Files.exists(itch);
        if (!bundled) {
            long n = messages != null ? messages : 200_000;
            itch = work.resolve("day-" + n + ".itch");
            System.out.printf("Generating a synthetic ITCH 5.0 day of %,d messages: %s%n", n, itch);
            new ItchDayGenerator(100, n, 1).writeBinaryFile(itch);
        } else {
            System.out.println("Sample: " + itch + " (synthetic ITCH 5.0 day, see data/README.md)");
        }

        long t0 = System.nanoTime();
        ImportReport imported;
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            imported = new BinaryFileIngestor().importFile(itch, w, null);
        }
        double importSeconds = (System.nanoTime() - t0) / 1e9;

        ReplaySummary s = Replayer.run(new Replayer.Options(journal, state, VwapEngine.DEFAULT_WINDOW_MS,
                CorePinning.Mode.AUTO, true),
                System.out::println);

        List<SymbolStateRecord> records = VwapCommand.read(StateDirectory.existing(state));
        records.sort(Comparator.comparingLong((SymbolStateRecord r) -> r.volume).reversed()
                .thenComparingInt(r -> r.locate));
        System.out.printf("%nMost active symbols (of %d):%n", records.size());
        VwapCommand.printTable(records.subList(0, Math.min(top, records.size())), System.out);

        System.out.println();
        System.out.printf("import   %,12d messages  %,12.0f msg/s%n", imported.messages(),
                imported.messages() / importSeconds);
        System.out.printf("replay   %,12d messages  %,12.0f msg/s  (%,d counted trades, %,d bars)%n",
                s.messages(), s.messagesPerSecond(), s.countedTrades(), s.bars());
        if (s.messages() < 5_000_000) {
            System.out.println("         (a small day: JVM warm-up dominates these rates; `tickjournal bench` "
                    + "measures throughput)");
        }
        System.out.println("digest   " + s.digest());
        if (bundled) {
            Path expected = home.resolve(Demo.EXPECTED_DIGEST);
            if (Files.exists(expected)) {
                boolean same = Files.readString(expected).trim().equals(s.digest());
                System.out.println("         " + (same ? "matches" : "DIFFERS FROM") + " the expected digest in "
                        + expected);
                if (!same) {
                    return TickjournalCommand.PROBLEM;
                }
            }
        }
        System.out.println();
        System.out.println("journal  " + journal);
        System.out.println("state    " + state);
        System.out.println("Next: bin/tickjournal vwap --state " + state + "   |   bin/tickjournal bars --state "
                + state
                + " --format csv");
        return TickjournalCommand.OK;
    }

    /** Removes a previous demo journal (only a directory of Chronicle files). */
    private static void deleteJournal(Path journal) {
        if (!Files.exists(journal)) {
            return;
        }
        if (!Journal.hasCycleFiles(journal)) {
            throw new TickjournalException(journal + ": exists and is not a journal; choose another --dir");
        }
        IoUtil.delete(journal.toFile(), false);
    }
}
