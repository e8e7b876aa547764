package io.tickjournal.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The structural check of a journal directory: every cycle file ({@link CycleFileCheck}) and the
 * table store ({@link TableStoreCheck}), read with bounds-checked positional reads only, so it is
 * safe on any bytes and is what stands between a damaged journal and Chronicle's mapped, unchecked
 * reads. {@code verify} reports what it finds, the appenders ({@link JournalAppendCheck}) refuse a
 * damaged journal, and a replay checks where its reader stopped ({@link #checkStops}).
 *
 * <p>Stateless; safe from any thread. Costs one sequential read of every cycle file, zero tail
 * included (about 80 MiB per file for a small journal: tens of milliseconds from the page cache).
 */
public final class JournalCheck {
    /** A writer may be appending to the newest cycle: how often to look again before calling it damage. */
    private static final int LIVE_RETRIES = 5;
    private static final long LIVE_RETRY_NS = 20_000_000L;

    /**
     * What the check found.
     *
     * @param damages  places where readers would see something other than what was written
     * @param warnings a writer's unfinished last document in the newest cycle (a live tail)
     * @param records  data documents walked in all cycle files
     * @param files    cycle files checked
     */
    public record Result(List<JournalDamage> damages, List<JournalDamage> warnings, long records, int files) {
        /** True when nothing is damaged. */
        public boolean ok() {
            return damages.isEmpty();
        }
    }

    private JournalCheck() {
    }

    /** Checks every cycle file of the journal in {@code dir} and its table store. */
    public static Result check(Path dir) {
        CycleFiles cycles = new CycleFiles(dir, Journal.DEFAULT_ROLL_CYCLE);
        cycles.refresh();
        int n = cycles.count();
        TableStoreCheck.Result table = TableStoreCheck.check(dir, n == 0 ? -1 : cycles.cycle(0),
                n == 0 ? -1 : cycles.cycle(n - 1));
        List<JournalDamage> damages = new ArrayList<>();
        List<JournalDamage> warnings = new ArrayList<>();
        long records = 0;
        for (int i = 0; i < n; i++) {
            boolean newest = i == n - 1;
            long firstIndex = Journal.DEFAULT_ROLL_CYCLE.toIndex(cycles.cycle(i), 0);
            CycleFileCheck.Result r = CycleFileCheck.check(cycles.file(i).toPath(), firstIndex, newest);
            for (int retry = 0; newest && !r.damages().isEmpty() && retry < LIVE_RETRIES && liveWriter(table);
                 retry++) {
                LockSupport.parkNanos(LIVE_RETRY_NS);
                r = CycleFileCheck.check(cycles.file(i).toPath(), firstIndex, true);
            }
            damages.addAll(r.damages());
            warnings.addAll(r.warnings());
            records += r.records();
        }
        damages.addAll(table.damages());
        return new Result(List.copyOf(damages), List.copyOf(warnings), records, n);
    }

    /**
     * Checks where a sequential reader left each cycle file it read (in order) after reading the
     * journal to its end: a stop before the written end of a file (bytes that are not zero after
     * it, a position past the file's end) is damage, described as {@link #check} describes it.
     * Only the files with such a stop are read in full.
     *
     * @return the damages; empty when the reader read everything written
     */
    public static List<JournalDamage> checkStops(Path dir, List<ReadStop> stops) {
        CycleFiles cycles = new CycleFiles(dir, Journal.DEFAULT_ROLL_CYCLE);
        cycles.refresh();
        List<JournalDamage> damages = new ArrayList<>();
        int n = cycles.count();
        String newestName = n == 0 ? "" : cycles.name(n - 1);
        for (ReadStop stop : stops) {
            boolean newest = stop.file().getFileName().toString().equals(newestName);
            if (CycleFileCheck.cleanStop(stop.file(), stop.position(), newest)) {
                continue;
            }
            int i = cycles.indexOfName(stop.file().getFileName().toString());
            long firstIndex = i < 0 ? 0 : Journal.DEFAULT_ROLL_CYCLE.toIndex(cycles.cycle(i), 0);
            damages.addAll(CycleFileCheck.check(stop.file(), firstIndex, newest).damages());
        }
        if (!stops.isEmpty()) {
            String last = stops.get(stops.size() - 1).file().getFileName().toString();
            int read = cycles.indexOfName(last);
            if (read >= 0 && read < n - 1 && damages.isEmpty()) {
                damages.add(new JournalDamage(cycles.file(read + 1).toPath(), 0, -1, 0,
                        (n - 1 - read) + " later cycle file(s) were never read"));
            }
        }
        return damages;
    }

    /**
     * The records the journal's cycle headers say are written (the write position's sequence of
     * each file, plus one), for a progress estimate; -1 when any header is damaged. Reads the first
     * 200 bytes of each cycle file, never through Chronicle.
     */
    public static long estimateRecords(Path dir) {
        CycleFiles cycles = new CycleFiles(dir, Journal.DEFAULT_ROLL_CYCLE);
        cycles.refresh();
        long total = 0;
        for (int i = 0; i < cycles.count(); i++) {
            try (FileBytes f = FileBytes.open(cycles.file(i).toPath())) {
                if (CycleFileCheck.headerMismatch(f) != -1) {
                    return -1;
                }
                if (f.longAt(ChronicleStoreLayout.WRITE_POSITION_OFFSET) > 0) {
                    total += (f.longAt(ChronicleStoreLayout.WRITE_SEQUENCE_OFFSET) & 0xFFFF_FFFFL) + 1;
                }
            }
        }
        return total;
    }

    /** True when a process other than this one that is still alive holds one of the journal's locks. */
    private static boolean liveWriter(TableStoreCheck.Result table) {
        long self = ProcessHandle.current().pid();
        return table.lockHolders().stream().anyMatch(pid -> pid != self && ProcessHandle.of(pid).isPresent());
    }
}
