package io.tickjournal.cli;

import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalAppendCheck;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal import}: a NASDAQ BinaryFILE (optionally gzip) into a journal. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Journal a NASDAQ ITCH 5.0 BinaryFILE (plain or .gz), one excerpt per message.",
                "Unknown types and wrong lengths are journaled and counted; a truncated tail is reported "
                        + "(exit 1) after every complete message before it is journaled."})
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--itch", required = true, paramLabel = "FILE[.gz]", description = "BinaryFILE to import")
    Path itch;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory (created or appended to)")
    Path journal;

    @Option(names = "--source-id", defaultValue = "0", paramLabel = "ID", description = "source id in each record (default: ${DEFAULT-VALUE})")
    int sourceId;

    @Override
    public Integer call() {
        BinaryFileIngestor.requireReadableNonEmpty(itch);
        String refusal = JournalAppendCheck.refusal(journal);
        if (refusal != null) {
            System.err.println("tickjournal: error: " + refusal);
            return TickjournalCommand.PROBLEM;
        }
        long start = System.nanoTime();
        ImportReport r;
        try (SingleChronicleQueue queue = Journal.openForWrite(journal);
             JournalWriter writer = new JournalWriter(queue, sourceId)) {
            r = new BinaryFileIngestor().importFile(itch, writer, (messages, bytes) ->
                    System.err.printf("import: %,d messages, %,d MB%n", messages, bytes >> 20));
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("imported %,d messages (%,d bytes) from %s into %s in %.2f s (%,.0f msg/s)%n",
                r.messages(), r.bytesRead(), itch, journal, s, r.messages() / s);
        if (r.unknownTypes() > 0) {
            System.err.printf("warning: %s: %,d messages of unknown type (journaled, counted)%n", itch, r.unknownTypes());
        }
        if (r.badLengths() > 0) {
            System.err.printf("warning: %s: %,d messages whose length differs from the ITCH 5.0 spec (journaled, counted)%n",
                    itch, r.badLengths());
        }
        if (r.zeroLengths() > 0) {
            System.err.printf("warning: %s: %,d zero length prefixes (skipped, counted)%n", itch, r.zeroLengths());
        }
        if (r.truncated()) {
            System.err.printf("tickjournal: error: %s: truncated at byte %d: %d bytes missing from the last %s; "
                            + "the %,d complete messages before it are journaled%n",
                    itch, r.truncatedAt(), r.truncatedMissing(),
                    r.truncatedInLengthPrefix() ? "length prefix" : "message",
                    r.messages());
            return TickjournalCommand.PROBLEM;
        }
        return TickjournalCommand.OK;
    }
}
