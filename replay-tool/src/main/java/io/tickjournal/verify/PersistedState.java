package io.tickjournal.verify;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.Symbols;
import io.tickjournal.state.BarReader;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.verify.VerifyReport.Check;
import io.tickjournal.verify.VerifyReport.Finding;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;

/**
 * {@code verify --state DIR}: what a replay persisted (the state map, the bars queue, the digest
 * in state.properties) against the reference engine's final state and bar stream.
 */
final class PersistedState {
    /** state.properties {@code range} of a replay without --from/--to. */
    static final String WHOLE_JOURNAL = "whole journal";
    private PersistedState() {
    }

    /** The bar window: {@code --window-ms}, else the state directory's window_ms, else the default. */
    static long windowMs(Verifier.Options o) {
        if (o.state() == null) {
            return o.windowMs() == null ? VwapEngine.DEFAULT_WINDOW_MS : o.windowMs();
        }
        StateDirectory.existing(o.state());
        String range = meta(o.state()).getProperty("range");
        if (range != null && !range.trim().equals(WHOLE_JOURNAL)) {
            throw new TickjournalException(o.state() + " holds a replay of part of the journal (" + range.trim()
                    + "); verify --state compares a replay of the whole journal");
        }
        String built = meta(o.state()).getProperty("window_ms");
        if (built == null) {
            return o.windowMs() == null ? VwapEngine.DEFAULT_WINDOW_MS : o.windowMs();
        }
        long stateWindow;
        try {
            stateWindow = Long.parseLong(built.trim());
        } catch (NumberFormatException e) {
            throw new TickjournalException(o.state().resolve(StateDirectory.META_FILE) + ": window_ms is not a number: "
                    + built);
        }
        if (o.windowMs() != null && o.windowMs() != stateWindow) {
            throw new TickjournalException("--window-ms " + o.windowMs() + " but " + o.state()
                    + " was built with window_ms="
                    + stateWindow + "; leave --window-ms out to use the state's");
        }
        return stateWindow;
    }

    static Properties meta(Path state) {
        Properties p = new Properties();
        Path file = state.resolve(StateDirectory.META_FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw TickjournalException.io(file.toString(), e);
            }
        }
        return p;
    }

    static void compare(Path stateDir, Path journal, List<SymbolRow> rows, IntToLongFunction lastSize,
                        List<BarRow> bars, VerifyReport report) {
        StateDirectory state = StateDirectory.existing(stateDir);
        long differingSymbols = 0;
        int records;
        try (StateStore store = state.openStore()) {
            SortedSet<Integer> locates = new TreeSet<>();
            for (int locate : store.locates()) {
                locates.add(locate);
            }
            records = locates.size();
            SymbolStateRecord r = new SymbolStateRecord();
            for (SymbolRow mine : rows) {
                if (!locates.remove(mine.locate())) {
                    if (!mine.differences(new SymbolRow(mine.symbol(), mine.locate(), 0, 0, 0, 0, 0, 0, 0,
                            0)).isEmpty()) {
                        differingSymbols++;
                        report.problem(new Finding(Check.STATE, -1, null, -1, mine.symbol(), "no record in "
                                + store.file().getFileName() + "; the reference has " + mine));
                    }
                    continue;
                }
                store.get(mine.locate(), r);
                SymbolRow theirs = new SymbolRow(Symbols.toString(r.stock), r.locate, r.trades, r.volume, r.notional,
                        r.lastPrice, r.bidPrice, r.bidSize, r.askPrice, r.askSize);
                StringBuilder diffs = new StringBuilder(mine.differences(theirs));
                long size = Math.min(lastSize.applyAsLong(mine.locate()), SymbolStateRecord.MAX_LAST_SIZE);
                if (size != r.lastSize) {
                    diffs.append(diffs.length() == 0 ? "" : ", ").append("last_size ").append(size).append(" != ")
                            .append(r.lastSize);
                }
                String diff = diffs.toString();
                if (!diff.isEmpty()) {
                    differingSymbols++;
                    report.problem(new Finding(Check.STATE, r.journalIndex, null, -1, mine.symbol(),
                            "the state map's record (last written at this journal index) differs (reference != map): "
                                    + diff));
                }
            }
            for (int extra : locates) {
                differingSymbols++;
                report.problem(new Finding(Check.STATE, -1, null, -1, "locate " + extra,
                        "a record in the state map for a locate the reference engine never saw"));
            }
        }
        long[] compared = {0, 0};
        if (Files.isDirectory(state.barsDir())) {
            try (SingleChronicleQueue queue = state.openBarsQueue()) {
                BarReader.readAll(queue, b -> {
                    long i = compared[0]++;
                    BarRow theirs = new BarRow(b.symbol(), b.locate(), b.windowStartNs(), b.trades(), b.volume(),
                            b.notional(), b.open(), b.high(), b.low(), b.close());
                    String diff = i < bars.size()
                            ? bars.get((int) i).differences(theirs) : "not in the reference's bar stream";
                    if (!diff.isEmpty()) {
                        compared[1]++;
                        report.problem(new Finding(Check.STATE, -1, null, -1, b.symbol(),
                                "bar " + (i + 1) + " of the bars queue differs (reference != queue): " + diff));
                    }
                });
            }
        }
        if (compared[0] < bars.size()) {
            report.problem(new Finding(Check.STATE, -1, null, -1, bars.get((int) compared[0]).symbol(),
                    "the bars queue ends after "
                    + compared[0] + " bars; the reference has " + bars.size() + ", the next "
                            + bars.get((int) compared[0])));
        }
        if ("false".equals(meta(stateDir).getProperty("complete", "").trim())) {
            report.problem(new Finding(Check.STATE, -1, null, -1, "",
                    "state.properties says complete=false: the replay "
                    + "that built " + stateDir + " was cancelled, so it holds only part of the journal"));
        }
        String builtFrom = meta(stateDir).getProperty("journal");
        Path here = journal.toAbsolutePath().normalize();
        if (builtFrom != null && !Path.of(builtFrom).toAbsolutePath().normalize().equals(here)) {
            report.warning(new Finding(Check.STATE, -1, null, -1, "", stateDir + " was built from " + builtFrom
                    + ", not from " + here));
        }
        String digest = meta(stateDir).getProperty("digest");
        String digestNote = "";
        if (digest != null) {
            boolean same = digest.trim().equals(report.referenceDigest());
            digestNote = same ? "; state.properties digest equal" : "; state.properties digest differs";
            if (!same) {
                report.problem(new Finding(Check.STATE, -1, null, -1, "",
                        "state.properties holds digest " + digest.trim()
                        + ", the reference engine's is " + report.referenceDigest()));
            }
        }
        report.summary(Check.STATE, String.format("%s: %,d map records (%,d differ), %,d bars (%,d differ) against the "
                        + "reference's %,d symbols and %,d bars%s", stateDir, records, differingSymbols, compared[0],
                                compared[1],
                rows.size(), bars.size(), digestNote));
    }
}
