package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.BigEndian;
import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.itch.ItchListener;
import io.tickjournal.itch.ItchMessageDecoder;
import io.tickjournal.itch.ItchMessageType;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.replay.ReplayRange;
import net.openhft.chronicle.bytes.RandomDataInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code tickjournal inspect}: the records of a journal as text, for people: each record's capture
 * header (journal index, kind, feed sequence, receive time) and its decoded ITCH message with every
 * field; or, with {@code --summary}, what the journal holds.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print journal records (capture header and the decoded ITCH message, every field), from",
                "the start, a journal index or an event time; or, with --summary, counts per record kind and",
                "ITCH type with the first and last index and event time."})
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Option(names = "--from", paramLabel = "TIME|index:N",
            description = "first record: an ITCH event time HH:MM[:SS[.fffffffff]] or a journal index (default: "
                    + "the start)")
    String from;

    @Option(names = "--count", defaultValue = "20", paramLabel = "N",
            description = "records to print (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--type", paramLabel = "LETTERS", description = "only these ITCH message types, e.g. EC or A")
    String types;

    @Option(names = "--summary", description = "counts per record kind and ITCH type instead of records")
    boolean summary;

    @Override
    public Integer call() {
        Journal.requireJournal(journal);
        Cli.requirePositive("--count", count);
        ReplayRange range = ReplayRange.parse(from, null);
        boolean[] wanted = null;
        if (types != null) {
            wanted = new boolean[256];
            for (char c : types.toCharArray()) {
                if (c > 255 || ItchMessageType.length((byte) c) < 0) {
                    throw new TickjournalException("--type: '" + c + "' is not an ITCH 5.0 message type");
                }
                wanted[c] = true;
            }
        }
        try (CycleFileReader reader = new CycleFileReader(journal, true)) {
            if (range.fromIndex() != Long.MIN_VALUE && !reader.moveToIndex(range.fromIndex())) {
                throw new TickjournalException(journal + ": no record at index " + range.fromIndex());
            }
            if (summary) {
                return summarise(reader, range, System.out);
            }
            Printer printer = new Printer(System.out, range, wanted, count);
            while (!printer.done() && reader.poll(printer, 1) > 0) {
                // printing
            }
            if (reader.checksumFailures() + reader.malformedRecords() > 0) {
                System.out.printf("(skipped: %,d records failing their checksum, %,d malformed)%n",
                        reader.checksumFailures(), reader.malformedRecords());
                return TickjournalCommand.PROBLEM;
            }
        }
        return TickjournalCommand.OK;
    }

    /** Prints records as they come; stops after {@code limit}. */
    private static final class Printer implements JournalRecordHandler {
        private final PrintStream out;
        private final ReplayRange range;
        private final boolean[] wanted;
        private final long limit;
        private final ItchDispatcher dispatcher;
        private final StringBuilder line = new StringBuilder(256);
        private ItchMessageDecoder decoded;
        private long printed;

        Printer(PrintStream out, ReplayRange range, boolean[] wanted, long limit) {
            this.out = out;
            this.range = range;
            this.wanted = wanted;
            this.limit = limit;
            // Every listener method receives the decoder of its type: keep whichever one came.
            ItchListener capture = (ItchListener) Proxy.newProxyInstance(ItchListener.class.getClassLoader(),
                    new Class<?>[]{ItchListener.class}, (proxy, method, args) -> {
                        if (args != null && args.length == 1 && args[0] instanceof ItchMessageDecoder d) {
                            decoded = d;
                        }
                        return null;
                    });
            this.dispatcher = new ItchDispatcher(capture);
        }

        boolean done() {
            return printed >= limit;
        }

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                long sequence) {
            if (done() || length < 1) {
                return;
            }
            byte type = buffer.readByte(offset);
            if (wanted != null && !wanted[type & 0xFF]) {
                return;
            }
            if (range.fromTimeNs() != Long.MIN_VALUE && (length <= ItchLayout.TIMESTAMP_OFFSET + 6
                    || BigEndian.u48(buffer, offset + ItchLayout.TIMESTAMP_OFFSET) < range.fromTimeNs())) {
                return;
            }
            header('M', index, sequence, receiveTimeNs);
            decoded = null;
            int status = dispatcher.dispatch(buffer, offset, length);
            if (status == ItchDispatcher.OK && decoded != null) {
                decoded.appendTo(line);
            } else {
                line.append(status == ItchDispatcher.UNKNOWN_TYPE ? "unknown type 0x" : "wrong length for type 0x")
                        .append(Integer.toHexString(type & 0xFF)).append(" (").append(length).append(" bytes)");
            }
            emit();
        }

        @Override
        public void onGap(long firstMissing, long n, long index) {
            if (wanted == null && range.fromTimeNs() == Long.MIN_VALUE && !done()) {
                header('G', index, firstMissing, -1);
                line.append("gap: feed sequences ").append(firstMissing).append("..").append(firstMissing + n - 1)
                        .append(" were not recovered");
                emit();
            }
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            if (wanted == null && range.fromTimeNs() == Long.MIN_VALUE && !done()) {
                header('S', index, firstSequence, -1);
                line.append("session start: ").append(description);
                emit();
            }
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            if (wanted == null && range.fromTimeNs() == Long.MIN_VALUE && !done()) {
                header('E', index, lastSequence, -1);
                line.append("session end after sequence ").append(lastSequence);
                emit();
            }
        }

        private void header(char kind, long index, long sequence, long receiveTimeNs) {
            line.setLength(0);
            line.append("index ").append(index).append(' ').append(kind).append(" seq ").append(sequence);
            if (receiveTimeNs >= 0) {
                line.append(" recv ").append(Instant.ofEpochSecond(0, receiveTimeNs));
            }
            line.append(" | ");
        }

        private void emit() {
            out.println(line);
            printed++;
        }
    }

    private static int summarise(CycleFileReader reader, ReplayRange range, PrintStream out) {
        Map<String, long[]> rows = new TreeMap<>(); // count, first index, last index, first t, last t
        JournalRecordHandler counter = new JournalRecordHandler() {
            @Override
            public void onMessage(RandomDataInput buffer, long offset, int length, long index, long rt, long seq) {
                String type = length < 1 ? "?" : ItchMessageType.length(buffer.readByte(offset)) < 0
                        ? "unknown" : Character.toString((char) buffer.readByte(offset));
                long t = length > ItchLayout.TIMESTAMP_OFFSET + 6 ? BigEndian.u48(buffer,
                        offset + ItchLayout.TIMESTAMP_OFFSET) : -1;
                if (t >= range.fromTimeNs()) {
                    add("M " + type, index, t);
                }
            }

            @Override
            public void onGap(long firstMissing, long n, long index) {
                add("G gap", index, -1);
            }

            @Override
            public void onSessionStart(String description, long firstSequence, long index) {
                add("S session start", index, -1);
            }

            @Override
            public void onSessionEnd(long lastSequence, long index) {
                add("E session end", index, -1);
            }

            private void add(String key, long index, long t) {
                long[] r = rows.computeIfAbsent(key, k -> new long[]{0, index, index, t, t});
                r[0]++;
                r[2] = index;
                if (t >= 0) {
                    r[3] = r[3] < 0 ? t : Math.min(r[3], t);
                    r[4] = Math.max(r[4], t);
                }
            }
        };
        long records = 0;
        int n;
        while ((n = reader.poll(counter, 1 << 14)) > 0) {
            records += n;
        }
        out.printf("%-20s %14s %22s %22s %20s %20s%n", "record", "count", "first index", "last index", "first time",
                "last time");
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] r = e.getValue();
            out.printf("%-20s %,14d %22d %22d %20s %20s%n", e.getKey(), r[0], r[1], r[2],
                    r[3] < 0 ? "-" : ReplayRange.time(r[3]), r[4] < 0 ? "-" : ReplayRange.time(r[4]));
        }
        out.printf("records read %,d; checksum failures %,d; malformed %,d%n", records, reader.checksumFailures(),
                reader.malformedRecords());
        return reader.checksumFailures()
                + reader.malformedRecords() > 0 ? TickjournalCommand.PROBLEM : TickjournalCommand.OK;
    }
}
