package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.ingest.BinaryFileIngestor;
import io.tickjournal.ingest.Framing;
import io.tickjournal.ingest.ImportReport;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalAppendCheck;
import io.tickjournal.journal.JournalWriter;
import io.tickjournal.storage.NoSpaceException;
import io.tickjournal.storage.OwnerLock;
import io.tickjournal.storage.SpaceGuard;
import io.tickjournal.verify.FeedSequences;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal import}: a NASDAQ BinaryFILE (optionally gzip) into a journal. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Journal a NASDAQ ITCH 5.0 BinaryFILE (plain or .gz), one excerpt per message.",
                "An unknown type, a length prefix that disagrees with the type (see --lenient) or a truncated tail "
                        + "stops it with exit 1 and the byte offset, after every message before it is journaled.",
                "Resumable: messages of the file (same name, same source) already journaled (by feed sequence, the",
                "message number) are skipped: an import that stopped continues where it did, a second one adds",
                "nothing.",
                "One writer at a time per journal (a lock file); a full disk stops it with exit 1 and one line."})
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--itch", required = true, paramLabel = "FILE[.gz]", description = "BinaryFILE to import")
    Path itch;

    @Option(names = "--journal", required = true, paramLabel = "DIR",
            description = "journal directory (created or appended to)")
    Path journal;

    @Option(names = "--source-id", defaultValue = "0", paramLabel = "ID",
            description = "source id in each record (default: ${DEFAULT-VALUE})")
    int sourceId;

    @Option(names = "--lenient", description = "journal and count unknown types and wrong lengths (vendor extensions) "
            + "instead of stopping at the first one with exit 1")
    boolean lenient;

    @Override
    public Integer call() {
        if (sourceId < 0) {
            throw new TickjournalException("--source-id must be 0.." + Integer.MAX_VALUE + ", got " + sourceId);
        }
        BinaryFileIngestor.requireImportable(itch, lenient);
        long start = System.nanoTime();
        ImportReport r;
        ResumableImport run;
        try (OwnerLock lock = OwnerLock.acquire(journal, "journal")) {
            // Never append behind an unreadable record (docs/reliability.md): checked under the lock.
            String refusal = JournalAppendCheck.refusal(journal);
            if (refusal != null) {
                System.err.println("tickjournal: error: " + refusal);
                return TickjournalCommand.PROBLEM;
            }
            SpaceGuard guard = new SpaceGuard(journal);
            FeedSequences journaled = FeedSequences.scan(journal);
            String session = ResumableImport.session(itch);
            long after = journaled.last(sourceId, session);
            if (!guard.check()) {
                System.err.println("tickjournal: error: " + guard.noSpace(0, after));
                return TickjournalCommand.PROBLEM;
            }
            if (after > 0) {
                System.err.printf("import: %s holds %,d messages of %s (source %d) up to feed sequence %,d: "
                        + "resuming after it%n", journal, journaled.messages(sourceId, session), session, sourceId,
                        after);
            }
            try (SingleChronicleQueue queue = Journal.openForWrite(journal);
                 JournalWriter writer = new JournalWriter(queue, sourceId)) {
                run = new ResumableImport(itch, lenient, writer, guard, after, (messages, bytes) ->
                        System.err.printf("import: %,d messages%n", messages));
                r = run.run();
            } catch (NoSpaceException e) {
                System.err.println("tickjournal: error: " + e.getMessage());
                return TickjournalCommand.PROBLEM;
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("imported %,d messages (%,d bytes) from %s into %s in %.2f s (%,.0f msg/s)%n",
                run.appended(), r.bytesRead(), itch, journal, s, run.appended() / s);
        if (run.skipped() > 0) {
            System.out.printf("skipped %,d messages journaled before (feed sequences 1..%,d)%s%n", run.skipped(),
                    run.skipped(), run.appended() == 0 ? ": nothing to add" : "");
        }
        if (r.unknownTypes() > 0) {
            System.err.printf("warning: %s: %,d messages of unknown type (journaled, counted)%n", itch,
                    r.unknownTypes());
        }
        if (r.badLengths() > 0) {
            System.err.printf(
                    "warning: %s: %,d messages whose length differs from the ITCH 5.0 spec (journaled, counted)%n",
                    itch, r.badLengths());
        }
        if (r.zeroLengths() > 0) {
            System.err.printf("warning: %s: %,d zero length prefixes (skipped, counted)%n", itch, r.zeroLengths());
        }
        if (r.framing() == Framing.TYPE_LENGTHS) {
            System.err.printf("warning: %s: every length prefix is zero; each message's length is taken from its "
                    + "ITCH 5.0 type%n", itch);
        }
        if (r.stopReason() != null) {
            System.err.printf("tickjournal: error: %s: %s%n", itch, r.stopReason());
            return TickjournalCommand.PROBLEM;
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
