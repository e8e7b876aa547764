package io.tickjournal.verify;

import io.tickjournal.TickjournalException;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.itch.Symbols;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalCheck;
import io.tickjournal.journal.JournalDamage;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code tickjournal verify}: the correctness oracle. One pass over the journal, three readers in
 * lockstep, record by record:
 * <ol>
 *   <li>{@link JournalWalker} reads each record by docs/journal-format.md alone and
 *       {@link IntegrityCheck} checks its header, CRC32C, ITCH length and feed sequence;</li>
 *   <li>the production reader ({@link CycleFileReader}) must consume the same record at the same
 *       index and accept or reject it likewise; it drives the fast engine ({@link MarketEngine});</li>
 *   <li>the {@link ReferenceEngine} applies the same message; after each message the symbols it
 *       touched must have the same state in both engines (totals, last price, top of book), and
 *       every bar either closes must equal the other's. Each symbol's first divergence, and every
 *       differing bar, is reported with its journal index and symbol.</li>
 * </ol>
 * Then, optionally, the persisted state of a replay ({@link PersistedState}) and golden files
 * ({@link Golden}) are compared with the reference engine's final state and bar stream.
 */
public final class Verifier {
    /**
     * @param state    a state directory to compare, or null
     * @param expect   golden files (a directory or one CSV), or null
     * @param windowMs bar window in ms, or null for the state directory's (else
     *                 {@link io.tickjournal.vwap.VwapEngine#DEFAULT_WINDOW_MS})
     */
    public record Options(Path journal, Path state, Path expect, Long windowMs) {
    }

    /**
     * A test hook: sees (and may change) every output of the fast engine before it is compared, so
     * a test can inject a wrong value and watch the oracle catch it. Not on any production path:
     * {@link #run(Options)} uses {@link #NONE}.
     */
    interface FastEngineTap {
        FastEngineTap NONE = new FastEngineTap() { };

        /** The fast engine's state of a symbol after the message at {@code index}. */
        default SymbolRow row(long index, SymbolRow row) {
            return row;
        }

        /** A bar the fast engine closed at the message at {@code index}. */
        default BarRow bar(long index, BarRow bar) {
            return bar;
        }
    }

    private static final long PROGRESS_INTERVAL_NS = 5_000_000_000L;

    private final Options options;
    private final FastEngineTap tap;
    private final Consumer<String> progress;
    private long lastProgressNs;
    private final VerifyReport report;
    private final IntegrityCheck integrity;
    private final DuplicateSequenceCheck duplicates;
    private final ImportSessions imports;
    private final long windowNs;
    private final MarketEngine fast;
    private final ReferenceEngine reference;
    private final ArrayDeque<BarRow> fastBars = new ArrayDeque<>();
    private final ArrayDeque<BarRow> referenceBars = new ArrayDeque<>();
    private final List<BarRow> referenceBarStream = new ArrayList<>();
    private final SymbolStateRecord record = new SymbolStateRecord();
    private final FastSide fastSide = new FastSide();
    private CycleFileReader reader;
    private boolean readerStopped;
    private long readerRecords;
    private long index = -1;
    private long comparedMessages;
    private long comparedBars;
    private long divergedMessages;
    /** Symbols whose first divergence after a message is reported already: later ones are only counted. */
    private final Set<Integer> divergedLocates = new HashSet<>();

    Verifier(Options options, long windowMs, FastEngineTap tap, Consumer<String> progress) {
        this.options = options;
        this.tap = tap;
        this.progress = progress;
        this.report = new VerifyReport(options.journal());
        this.integrity = new IntegrityCheck(report);
        this.duplicates = new DuplicateSequenceCheck(report);
        this.imports = new ImportSessions(report);
        this.windowNs = windowMs * 1_000_000L;
        this.reference = new ReferenceEngine(windowNs, referenceBars::add);
        MarketEngine[] engine = new MarketEngine[1];
        engine[0] = new MarketEngine(windowNs, b -> fastBars.add(tap.bar(index, new BarRow(
                Symbols.toString(engine[0].stock(b.locate())), b.locate(), b.windowStartNs(), b.trades(), b.volume(),
                b.notional(), b.open(), b.high(), b.low(), b.close()))));
        this.fast = engine[0];
    }

    /** Runs every check {@code o} asks for. Bad usage or unreadable input throws a {@link TickjournalException}. */
    public static VerifyReport run(Options o) {
        return run(o, FastEngineTap.NONE, line -> { });
    }

    /**
     * As {@link #run(Options)}, with a progress line to {@code progress} every 5 s on long journals
     * (stderr in the CLI).
     */
    public static VerifyReport run(Options o, Consumer<String> progress) {
        return run(o, FastEngineTap.NONE, progress);
    }

    static VerifyReport run(Options o, FastEngineTap tap) {
        return run(o, tap, line -> { });
    }

    private static VerifyReport run(Options o, FastEngineTap tap, Consumer<String> progress) {
        Journal.requireJournal(o.journal());
        long windowMs = PersistedState.windowMs(o);
        if (windowMs <= 0) {
            throw new TickjournalException("--window-ms must be positive, got " + windowMs);
        }
        Golden.Expected expected = o.expect() == null ? null : Golden.resolve(o.expect());
        return new Verifier(o, windowMs, tap, progress).verify(expected);
    }

    private VerifyReport verify(Golden.Expected expected) {
        int files;
        // Structure first, with bounds-checked reads: what the per-record walk cannot see (bytes after
        // where reading stops, Chronicle's header and index, the table store).
        JournalCheck.Result structure = JournalCheck.check(options.journal());
        for (JournalDamage d : structure.damages()) {
            report.problem(new Finding(Check.INTEGRITY, -1, d.file(), d.offset(), "", d.detail()));
        }
        for (JournalDamage d : structure.warnings()) {
            report.warning(new Finding(Check.INTEGRITY, -1, d.file(), d.offset(), "", d.detail()));
        }
        try (CycleFileReader r = new CycleFileReader(options.journal(), true)) {
            reader = r;
            files = JournalWalker.walk(options.journal(), new JournalWalker.Visitor() {
                @Override
                public void onRecord(Path file, long offset, long index, int length, ByteBuffer document) {
                    Verifier.this.onRecord(file, offset, index, length, document);
                }

                @Override
                public void onIncomplete(Path file, long offset, String why) {
                    // The structural check reported this place already, as damage or as a live tail.
                    if (structure.damages().isEmpty() && structure.warnings().isEmpty()) {
                        report.warning(new Finding(Check.INTEGRITY, -1, file, offset, "",
                                "incomplete excerpt: " + why));
                    }
                }
            });
            if (!readerStopped && r.poll(fastSide, 1) > 0) {
                report.problem(new Finding(Check.READER, r.lastIndex(), null, -1, "",
                        "CycleFileReader read a record after the last one of the walk"));
            }
        }
        report.summary(Check.INTEGRITY, String.format("%,d cycle file%s, %s; structure: %,d damaged place%s, %,d live "
                        + "tail%s", files, files == 1 ? "" : "s", integrity.integritySummary(),
                structure.damages().size(), structure.damages().size() == 1 ? "" : "s", structure.warnings().size(),
                structure.warnings().size() == 1 ? "" : "s"));
        report.summary(Check.SEQUENCE, integrity.sequenceSummary() + duplicates.summary());
        report.summary(Check.READER, String.format("CycleFileReader consumed %,d of %,d records at the walk's indexes, "
                + "with the same verdicts", readerRecords, integrity.records));
        List<SymbolRow> rows = finalComparison();
        report.digest(Golden.digest(referenceBarStream, rows, reference));
        if (options.state() != null) {
            PersistedState.compare(options.state(), options.journal(), rows, reference::lastSize, referenceBarStream,
                    report);
        }
        if (expected != null) {
            compareExpected(expected, rows);
        }
        return report;
    }

    private void onRecord(Path file, long offset, long recordIndex, int length, ByteBuffer document) {
        index = recordIndex;
        if ((integrity.records & 0xFFFF) == 0) {
            progress();
        }
        IntegrityCheck.Verdict verdict = integrity.check(file, offset, recordIndex, length, document);
        if (verdict == IntegrityCheck.Verdict.MESSAGE) {
            duplicates.check(file, offset, recordIndex, document);
        } else if (verdict == IntegrityCheck.Verdict.SESSION_START) {
            duplicates.session(document);
        }
        imports.onRecord(verdict, document, length, recordIndex, file, offset);
        pollReader(verdict, file, offset);
        if (verdict == IntegrityCheck.Verdict.MESSAGE && integrity.lastMessageValid()) {
            ByteBuffer message = document.slice(28, length - 28);
            reference.apply(message);
            compareAfterMessage(message);
        }
    }

    /** A line on stderr every {@link #PROGRESS_INTERVAL_NS} for long journals. */
    private void progress() {
        long now = System.nanoTime();
        if (lastProgressNs == 0) {
            lastProgressNs = now;
        } else if (now - lastProgressNs >= PROGRESS_INTERVAL_NS) {
            lastProgressNs = now;
            progress.accept(String.format("verify: %,d records, %,d messages cross-checked", integrity.records,
                    comparedMessages));
        }
    }

    /** The production reader consumes one record: the same index, the same verdict. */
    private void pollReader(IntegrityCheck.Verdict verdict, Path file, long offset) {
        if (readerStopped) {
            return;
        }
        fastSide.kind = 0;
        fastSide.index = -1;
        if (reader.poll(fastSide, 1) == 0) {
            readerStopped = true;
            report.problem(new Finding(Check.READER, index, file, offset, "",
                    "CycleFileReader stopped here: the fast engine sees no more records"));
            return;
        }
        readerRecords++;
        char expectedKind = switch (verdict) {
            case MESSAGE -> 'M';
            case GAP -> 'G';
            case SESSION_START -> 'S';
            case SESSION_END -> 'E';
            case BAD -> 0;
        };
        if (reader.lastIndex() != index || fastSide.kind != expectedKind) {
            report.problem(new Finding(Check.READER, index, file, offset, "", "CycleFileReader read index "
                    + reader.lastIndex() + " as " + (fastSide.kind == 0 ? "a bad record" : "kind '" + fastSide.kind
                            + "'")
                    + ", the walk found " + (expectedKind == 0 ? "a bad record" : "kind '" + expectedKind + "'")));
        }
    }

    private void compareAfterMessage(ByteBuffer message) {
        comparedMessages++;
        int locate = message.getShort(1) & 0xFFFF;
        boolean diverged = compareSymbol(locate, message);
        int orderLocate = reference.lastOrderLocate();
        if (orderLocate >= 0 && orderLocate != locate) {
            diverged |= compareSymbol(orderLocate, message);
        }
        if (diverged) {
            divergedMessages++;
        }
        while (!fastBars.isEmpty() && !referenceBars.isEmpty()) {
            BarRow mine = referenceBars.poll();
            BarRow theirs = fastBars.poll();
            referenceBarStream.add(mine);
            comparedBars++;
            String diff = mine.differences(theirs);
            if (!diff.isEmpty()) {
                report.problem(new Finding(Check.CROSS_CHECK, index, null, -1, mine.symbol(),
                        "bar " + comparedBars + " closed here differs (reference != fast): " + diff));
            }
        }
        if (!fastBars.isEmpty() || !referenceBars.isEmpty()) {
            boolean fastAhead = !fastBars.isEmpty();
            BarRow extra = fastAhead ? fastBars.peek() : referenceBars.peek();
            report.problem(new Finding(Check.CROSS_CHECK, index, null, -1, extra.symbol(),
                    (fastAhead ? "the fast engine"
                    : "the reference engine") + " closed a bar here that the other did not: " + extra));
            referenceBarStream.addAll(referenceBars);
            fastBars.clear();
            referenceBars.clear();
        }
    }

    private boolean compareSymbol(int locate, ByteBuffer message) {
        SymbolRow mine = reference.row(locate);
        SymbolRow theirs = fastRow(locate);
        String diff = mine.differences(theirs);
        if (diff.isEmpty()) {
            return false;
        }
        if (divergedLocates.add(locate)) {
            report.problem(new Finding(Check.CROSS_CHECK, index, null, -1, mine.symbol().isEmpty() ? "locate " + locate
                    : mine.symbol(), "first divergence: after ITCH '" + (char) message.get(0)
                    + "' the state differs (reference != fast): " + diff));
        }
        return true;
    }

    private SymbolRow fastRow(int locate) {
        SymbolStateRecord r = fast.fill(locate, record);
        return tap.row(index, new SymbolRow(Symbols.toString(r.stock), locate, r.trades, r.volume, r.notional,
                r.lastPrice, r.bidPrice, r.bidSize, r.askPrice, r.askSize));
    }

    /** Every symbol at the end of the journal; returns the reference's rows in locate order. */
    private List<SymbolRow> finalComparison() {
        SortedSet<Integer> locates = new TreeSet<>(reference.locates());
        for (int i = 0; i < fast.dirtyCount(); i++) {
            locates.add(fast.dirtyLocate(i)); // never cleared here: every locate the fast engine touched
        }
        List<SymbolRow> rows = new ArrayList<>();
        long differing = 0;
        for (int locate : locates) {
            SymbolRow mine = reference.row(locate);
            rows.add(mine);
            String diff = mine.differences(fastRow(locate));
            if (!diff.isEmpty()) {
                differing++;
                report.problem(new Finding(Check.CROSS_CHECK, -1, null, -1, mine.symbol().isEmpty() ? "locate " + locate
                        : mine.symbol(), "at the end of the journal the state differs (reference != fast): " + diff));
            }
        }
        report.summary(Check.CROSS_CHECK, String.format("reference engine vs fast engine after each of %,d messages "
                        + "(%d ms windows): %,d symbols, %,d bars; state differs after %,d message%s (%,d symbol%s), "
                        + "%,d symbol%s differ at the end",
                comparedMessages, windowNs / 1_000_000, locates.size(), comparedBars, divergedMessages,
                divergedMessages == 1 ? "" : "s", divergedLocates.size(), divergedLocates.size() == 1 ? "" : "s",
                differing, differing == 1 ? "" : "s"));
        return rows;
    }

    private void compareExpected(Golden.Expected e, List<SymbolRow> rows) {
        List<String> parts = new ArrayList<>();
        if (e.vwap() != null) {
            parts.add(Golden.compare(e.vwap(), Golden.vwapCsv(rows), report, Check.EXPECT));
        }
        if (e.bars() != null) {
            parts.add(Golden.compare(e.bars(), Golden.barsCsv(referenceBarStream), report, Check.EXPECT));
        }
        if (e.digest() != null) {
            String want = String.join("", Golden.read(e.digest())).trim();
            boolean same = want.equals(report.referenceDigest());
            if (!same) {
                report.problem(new Finding(Check.EXPECT, -1, null, -1, "", e.digest() + " holds " + want
                        + ", the reference engine's digest is " + report.referenceDigest()));
            }
            parts.add(e.digest() + (same ? ": equal" : ": differs"));
        }
        report.summary(Check.EXPECT, String.join("; ", parts));
    }

    /** Receives what the production reader hands out and drives the fast engine with the messages. */
    private final class FastSide implements JournalRecordHandler {
        char kind;
        long index;

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                long sequence) {
            kind = 'M';
            this.index = index;
            fast.onMessage(buffer, offset, length, index);
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            kind = 'G';
            this.index = index;
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            kind = 'S';
            this.index = index;
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            kind = 'E';
            this.index = index;
        }
    }
}
