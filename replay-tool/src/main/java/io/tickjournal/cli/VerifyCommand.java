package io.tickjournal.cli;

import io.tickjournal.verify.Verifier;
import io.tickjournal.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal verify}: the correctness oracle (integrity, sequence, independent cross-check, golden files). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a journal: every record's CRC32C and ITCH length, feed sequence continuity, and an",
                "independent reference engine against the fast engine after every message (first divergence with",
                "journal index and symbol). Optionally compare a replay's persisted state and golden CSVs.",
                "Exit 0 when everything holds, 1 when a problem was found, 2 for bad usage or unreadable input."})
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Option(names = "--state", paramLabel = "DIR",
            description = "also compare this replay's state (map, bars queue, digest) with the reference engine")
    Path state;

    @Option(names = "--expect", paramLabel = "FILE|DIR",
            description = "also compare golden files: a vwap or bars CSV, or a directory of vwap.csv, bars.csv, "
                    + "digest.txt")
    Path expect;

    @Option(names = "--window-ms", paramLabel = "MS",
            description = "bar window in ms of ITCH time (default: the state's window_ms, else 100)")
    Long windowMs;

    @Override
    public Integer call() {
        VerifyReport report = Verifier.run(new Verifier.Options(journal, state, expect, windowMs), System.err::println);
        report.print(System.out);
        return report.ok() ? TickjournalCommand.OK : TickjournalCommand.PROBLEM;
    }
}
