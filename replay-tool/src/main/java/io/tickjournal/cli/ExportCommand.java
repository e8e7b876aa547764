package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.export.CsvExporter;
import io.tickjournal.export.LobsterExporter;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code tickjournal export}: a journal as CSV files per message type, or as LOBSTER files per symbol. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a journal: --format csv writes one file per ITCH message type with decoded, named",
                "columns; --format lobster writes per symbol a LOBSTER message file and an orderbook file",
                "of N levels. See docs/notebooks.md."})
final class ExportCommand implements Callable<Integer> {
    private static final Pattern CYCLE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})F\\.cq4");

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created)")
    Path out;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|lobster",
            description = "default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--symbol", split = ",", paramLabel = "S",
            description = "only these symbols (default: all; csv: market-wide messages are then left out)")
    List<String> symbols = List.of();

    @Option(names = "--levels", defaultValue = "10", paramLabel = "N",
            description = "lobster: book levels per orderbook row (default: ${DEFAULT-VALUE})")
    int levels;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "lobster: date in the file names (default: the journal's first cycle file's date)")
    String date;

    @Override
    public Integer call() {
        Journal.requireJournal(journal);
        if (!format.equals("csv") && !format.equals("lobster")) {
            throw new TickjournalException("--format must be csv or lobster, got '" + format + "'");
        }
        Cli.requirePositive("--levels", levels);
        long start = System.nanoTime();
        CycleFileReader reader = new CycleFileReader(journal, true);
        String summary;
        try (reader) {
            if (format.equals("csv")) {
                try (CsvExporter csv = new CsvExporter(out, Set.copyOf(symbols))) {
                    readAll(reader, csv);
                    summary = String.format("exported %,d messages into %,d CSV files in %s", csv.messages(),
                            csv.files(), out);
                    if (csv.skipped() > 0) {
                        summary += String.format(" (%,d of unknown type or bad length left out)", csv.skipped());
                    }
                }
            } else {
                try (LobsterExporter lobster = new LobsterExporter(out, date == null ? firstCycleDate() : date, levels,
                        Set.copyOf(symbols))) {
                    readAll(reader, lobster);
                    summary = String.format("exported %,d LOBSTER events of %,d symbols (%d levels) into %s",
                            lobster.rows(), lobster.symbols(), levels, out);
                    if (lobster.unknownOrders() > 0) {
                        summary += String.format(" (%,d events on unknown or duplicate order references left out)",
                                lobster.unknownOrders());
                    }
                }
            }
        }
        System.out.printf("%s in %.2f s%n", summary, (System.nanoTime() - start) / 1e9);
        if (reader.checksumFailures() + reader.malformedRecords() > 0) {
            System.err.printf("tickjournal: error: %s: %,d records failed their checksum, %,d malformed (left out)%n",
                    journal, reader.checksumFailures(), reader.malformedRecords());
            return TickjournalCommand.PROBLEM;
        }
        return TickjournalCommand.OK;
    }

    private static void readAll(CycleFileReader reader, JournalRecordHandler handler) {
        while (reader.poll(handler, 4096) > 0) {
            // until the end of what is written
        }
    }

    private String firstCycleDate() {
        try (Stream<Path> files = Files.list(journal)) {
            return files.map(p -> p.getFileName().toString()).sorted().map(CYCLE::matcher).filter(Matcher::matches)
                    .findFirst().map(m -> m.group(1) + "-" + m.group(2) + "-" + m.group(3)).orElse("0000-00-00");
        } catch (IOException e) {
            throw TickjournalException.io(journal.toString(), e);
        }
    }
}
